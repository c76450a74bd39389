import type { SecurityEvent } from '../../protocol/security-event.ts';
import { newEvent, type LineContext } from './new-event.ts';
import { endpointOf } from './normalize-ip.ts';

// "pam_unix(sshd:auth): ", "pam_unix: ", "(pam_unix) ": the module and the PAM service it ran for.
const modulePrefix = /^\(?(pam_\w{1,32})(?:\(([\w.@-]{0,64})(?::(\w{1,16}))?\))?\)?:? /;
// pam_unix writes "… ruser=%s rhost=%s[ user=%s]": the real rhost is the first one followed
// only by " user=…" or the end, so an rhost= typed into ruser or user never becomes the source.
const rhostTail = / rhost=(\S*)(?:\s+user=(.*?))?\s*$/y;

/** PAM module lines from any program: pam_unix, pam_faillock, pam_tally2, pam_systemd. */
export function parsePam(context: LineContext): SecurityEvent | undefined {
  const prefix = modulePrefix.exec(context.header.message);
  if (!prefix) return undefined;
  const module = prefix[1] ?? '';
  const service = prefix[2] !== undefined && prefix[2] !== '' ? prefix[2] : context.header.program;
  const text = context.header.message.slice(prefix[0].length).replace(/ \[preauth\]$/, '');
  const unmapped = { pam_module: module, ...(service !== undefined && { pam_service: service }) };
  const event = (
    code: string,
    activity: number,
    status: 'Success' | 'Failure' | undefined,
    fields: Partial<SecurityEvent>,
  ) =>
    newEvent(
      context,
      { class: 'authentication', activity, code: `pam.${code}`, ...(status && { status }) },
      { ...fields, unmapped },
    );

  if (text.startsWith('authentication failure;')) return authFailure(text, event);
  const session = /^session (opened|closed) for user (\S+?)(?:\(uid=(\d+)\))?(?: by (\S*))?$/.exec(text);
  if (session) {
    const opened = session[1] === 'opened';
    const user = { name: session[2] ?? '', ...(session[3] !== undefined && { uid: session[3] }) };
    const by = /^(\S*?)\(uid=(\d+)\)$/.exec(session[4] ?? '');
    const actor = by ? { actor: { user: { ...(by[1] && { name: by[1] }), uid: by[2] ?? '' } } } : {};
    return event(opened ? 'session_opened' : 'session_closed', opened ? 1 : 2, 'Success', { user, ...actor });
  }
  const locked =
    /^Consecutive login failures for user (.*) account temporarily locked$/.exec(text) ??
    /^user (.*) \(\d+\) tally \d+, deny \d+$/.exec(text);
  if (locked) return event('account_locked', 1, 'Failure', { user: { name: locked[1] ?? '' } });
  if (text.startsWith('check pass; user unknown')) return event('unknown_user', 1, 'Failure', {});
  if (text.startsWith('Failed to create session'))
    return event('session_failed', 1, 'Failure', { status_detail: text });
  const changed = /^password changed for (\S+)$/.exec(text);
  if (changed) {
    return newEvent(
      context,
      { class: 'accountChange', activity: 3, code: 'pam.password_changed', status: 'Success' },
      {
        user: { name: changed[1] ?? '' },
        unmapped,
      },
    );
  }
  return undefined;
}

function authFailure(
  text: string,
  event: (code: string, activity: number, status: 'Failure', fields: Partial<SecurityEvent>) => SecurityEvent,
): SecurityEvent {
  const ruserAt = text.indexOf(' ruser=');
  let fields: Partial<SecurityEvent> = {};
  for (
    let at = text.indexOf(' rhost=', ruserAt + 1);
    at !== -1 && ruserAt !== -1;
    at = text.indexOf(' rhost=', at + 1)
  ) {
    rhostTail.lastIndex = at;
    const tail = rhostTail.exec(text);
    if (!tail) continue;
    const ruser = text.slice(ruserAt + 7, at);
    const name = tail[2] ?? ruser;
    fields = {
      ...(tail[1] && { src_endpoint: endpointOf(tail[1]) }),
      ...(name !== '' && { user: { name } }),
      ...(ruser !== '' && tail[2] !== undefined && { actor: { user: { name: ruser } } }),
    };
    break;
  }
  const uid = /\buid=(\d+)/.exec(text)?.[1];
  if (uid !== undefined && fields.actor === undefined) fields.actor = { user: { uid } };
  return event('auth_failure', 1, 'Failure', fields);
}
