import type { SecurityEvent } from '../../protocol/security-event.ts';
import { newEvent, type LineContext } from './new-event.ts';

// "alice : [REASON ; ]TTY=pts/0 ; PWD=/home/alice ; USER=root ; [GROUP=… ; ENV=… ; ]COMMAND=/usr/bin/id".
// PWD and COMMAND are the caller's: PWD is taken up to the first " ; USER=", COMMAND is the rest.
const sudoLine =
  /^\s*(\S+) : (?:(.*?) ; )?TTY=(\S+) ; PWD=(.*?) ; USER=(\S+) ;(?: [A-Z]{2,8}=[^;]* ;)* COMMAND=(.*)$/;

/** sudo's own lines; its PAM lines go to parsePam. */
export function parseSudo(context: LineContext): SecurityEvent | undefined {
  const m = sudoLine.exec(context.header.message);
  if (!m) return undefined;
  const [, caller = '', reason, tty = '', pwd = '', target = '', command = ''] = m;
  const actor = { user: { name: caller } };
  const unmapped = { tty };
  const process = {
    cmd_line: command,
    working_directory: pwd,
    file: { path: command.split(' ', 1)[0] ?? '' },
    user: { name: target },
  };
  if (reason === undefined) {
    return newEvent(context, { class: 'processActivity', activity: 1, code: 'sudo.command', status: 'Success' }, {
      actor, process, user: { name: target }, unmapped,
    });
  }
  const code = /^\d+ incorrect password attempts?$/.test(reason)
    ? 'auth_failure'
    : reason === 'user NOT in sudoers'
      ? 'not_in_sudoers'
      : reason === 'command not allowed'
        ? 'command_denied'
        : 'denied';
  return newEvent(context, { class: 'authentication', activity: 1, code: `sudo.${code}`, status: 'Failure' }, {
    actor, process, user: { name: target }, status_detail: reason, unmapped,
  });
}
