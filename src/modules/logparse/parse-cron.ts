import type { EventDraft, ProgramMessage } from './new-event.ts';

/** cron's "(user) CMD (command)" and crontab edits; its PAM session lines go to parsePam. */
export function parseCron({ message }: ProgramMessage): EventDraft | undefined {
  const text = message.trimEnd();
  const command = /^\((\S+)\) CMD \((.*)\)$/.exec(text);
  if (command) {
    const user = { name: command[1] ?? '' };
    const cmd = command[2] ?? '';
    return {
      kind: { class: 'processActivity', activity: 1, code: 'cron.command', status: 'Success' },
      fields: {
        actor: { user },
        process: { cmd_line: cmd, user },
        logsource: { product: 'linux', service: 'cron' },
      },
    };
  }
  const edit = /^\((\S+)\) (REPLACE|DELETE|BEGIN EDIT|END EDIT|RELOAD) \((.*)\)$/.exec(text);
  if (edit) {
    return {
      kind: { class: 'base', activity: 0, code: 'cron.crontab_change' },
      fields: {
        actor: { user: { name: edit[1] ?? '' } },
        unmapped: { action: edit[2] ?? '', crontab: edit[3] ?? '' },
      },
    };
  }
  return undefined;
}
