import type { EventDraft, ProgramMessage } from './new-event.ts';

interface SudoFields {
  caller: string;
  reason?: string;
  tty: string;
  pwd: string;
  target: string;
  command: string;
}

/**
 * "alice : [REASON ; ]TTY=pts/0 ; PWD=/home/alice ; USER=root ; [GROUP=… ; ENV=… ; ]COMMAND=…".
 * PWD and COMMAND are the caller's to choose: PWD runs to the first " ; USER=", COMMAND is the
 * rest of the line. Read with indexOf, one pass, whatever the line holds.
 */
function readSudo(message: string): SudoFields | undefined {
  const colon = message.indexOf(' : ');
  const caller = message.slice(0, colon).trim();
  if (colon === -1 || caller === '' || caller.includes(' ')) return undefined;
  const rest = message.slice(colon + 3);
  const ttyAt = rest.startsWith('TTY=') ? 0 : rest.indexOf(' ; TTY=') + 3;
  if (ttyAt === 2) return undefined;
  const ttyEnd = rest.indexOf(' ; ', ttyAt);
  if (ttyEnd === -1 || !rest.startsWith('PWD=', ttyEnd + 3)) return undefined;
  const pwdEnd = rest.indexOf(' ; USER=', ttyEnd + 7);
  if (pwdEnd === -1) return undefined;
  let at = pwdEnd + 8;
  const userEnd = rest.indexOf(' ; ', at);
  if (userEnd === -1) return undefined;
  const target = rest.slice(at, userEnd);
  for (at = userEnd + 3; !rest.startsWith('COMMAND=', at); at = rest.indexOf(' ; ', at) + 3) {
    if (!/^[A-Z]{2,8}=/.test(rest.slice(at, at + 9)) || rest.indexOf(' ; ', at) === -1) return undefined;
  }
  const fields: SudoFields = {
    caller,
    tty: rest.slice(ttyAt + 4, ttyEnd),
    pwd: rest.slice(ttyEnd + 7, pwdEnd),
    target,
    command: rest.slice(at + 8),
  };
  if (ttyAt > 0) fields.reason = rest.slice(0, ttyAt - 3);
  return fields;
}

/** sudo's own lines; its PAM lines go to parsePam. */
export function parseSudo({ message }: ProgramMessage): EventDraft | undefined {
  const fields = readSudo(message.trimStart());
  if (!fields) return undefined;
  const { caller, reason, tty, pwd, target, command } = fields;
  const actor = { user: { name: caller } };
  const unmapped = { tty };
  const process = {
    cmd_line: command,
    working_directory: pwd,
    file: { path: command.split(' ', 1)[0] ?? '' },
    user: { name: target },
  };
  if (reason === undefined) {
    return {
      kind: { class: 'processActivity', activity: 1, code: 'sudo.command', status: 'Success' },
      fields: { actor, process, user: { name: target }, unmapped },
    };
  }
  const code = /^\d+ incorrect password attempts?$/.test(reason)
    ? 'auth_failure'
    : reason === 'user NOT in sudoers'
      ? 'not_in_sudoers'
      : reason === 'command not allowed'
        ? 'command_denied'
        : 'denied';
  return {
    kind: { class: 'authentication', activity: 1, code: `sudo.${code}`, status: 'Failure' },
    fields: { actor, process, user: { name: target }, status_detail: reason, unmapped },
  };
}
