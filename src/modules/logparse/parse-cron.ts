import type { SecurityEvent } from '../../protocol/security-event.ts';
import { newEvent, type LineContext } from './new-event.ts';

/** cron's "(user) CMD (command)" and crontab edits; its PAM session lines go to parsePam. */
export function parseCron(context: LineContext): SecurityEvent | undefined {
  const text = context.header.message.trimEnd();
  const command = /^\((\S+)\) CMD \((.*)\)$/.exec(text);
  if (command) {
    const user = { name: command[1] ?? '' };
    const cmd = command[2] ?? '';
    return newEvent(
      context,
      { class: 'processActivity', activity: 1, code: 'cron.command', status: 'Success' },
      {
        actor: { user },
        process: { cmd_line: cmd, user },
        logsource: { product: 'linux', service: 'cron' },
      },
    );
  }
  const edit = /^\((\S+)\) (REPLACE|DELETE|BEGIN EDIT|END EDIT|RELOAD) \((.*)\)$/.exec(text);
  if (edit) {
    return newEvent(
      context,
      { class: 'base', activity: 0, code: 'cron.crontab_change' },
      {
        actor: { user: { name: edit[1] ?? '' } },
        unmapped: { action: edit[2] ?? '', crontab: edit[3] ?? '' },
      },
    );
  }
  return undefined;
}
