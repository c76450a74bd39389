import type { EventUser } from '../../protocol/security-event.ts';
import type { DraftFields, EventDraft, ProgramMessage } from './new-event.ts';
import { endpointOf } from './normalize-ip.ts';

// "pam_unix(sshd:auth): ", "pam_unix: ", "(pam_unix) ": the module and the PAM service it ran for.
const modulePrefix = /^\(?(pam_\w{1,32})(?:\(([\w.@-]{0,64})(?::(\w{1,16}))?\))?\)?:? /;
// pam_unix writes "… ruser=%s rhost=%s[ user=%s]": the real rhost is the first one followed
// only by " user=…" or the end, so an rhost= typed into ruser or user never becomes the source.
const rhostTail = / rhost=(\S*)(?:\s+user=(.*?))?\s*$/y;

const sessionLine = /^session (opened|closed) for user (\S+?)(?:\(uid=(\d+)\))?(?: by (\S*))?$/;
const sessionBy = /^(\S*?)\(uid=(\d+)\)$/;

type PamUnmapped = { pam_module: string; pam_service?: string };

/** PAM module lines from any program: pam_unix, pam_faillock, pam_tally2, pam_systemd. */
export function parsePam({ program, message }: ProgramMessage): EventDraft | undefined {
  const prefix = modulePrefix.exec(message);
  if (!prefix) return undefined;
  const module = prefix[1] ?? '';
  const service = prefix[2] !== undefined && prefix[2] !== '' ? prefix[2] : program;
  let text = message.slice(prefix[0].length);
  if (text.endsWith(' [preauth]')) text = text.slice(0, -10);
  const unmapped: PamUnmapped = { pam_module: module };
  if (service !== undefined) unmapped.pam_service = service;

  if (text.startsWith('authentication failure;')) return authFailure(text, unmapped);
  const session = text.startsWith('session ') ? sessionLine.exec(text) : null;
  if (session) {
    const opened = session[1] === 'opened';
    const user: EventUser = { name: session[2] ?? '' };
    if (session[3] !== undefined) user.uid = session[3];
    const fields: DraftFields = { user };
    const by = session[4] === undefined ? null : sessionBy.exec(session[4]);
    if (by) {
      const actorUser: EventUser = {};
      if (by[1]) actorUser.name = by[1];
      actorUser.uid = by[2] ?? '';
      fields.actor = { user: actorUser };
    }
    return pamEvent(
      opened ? 'session_opened' : 'session_closed',
      opened ? 1 : 2,
      'Success',
      fields,
      unmapped,
    );
  }
  const locked =
    /^Consecutive login failures for user (.*) account temporarily locked$/.exec(text) ??
    /^user (.*) \(\d+\) tally \d+, deny \d+$/.exec(text);
  if (locked) return pamEvent('account_locked', 1, 'Failure', { user: { name: locked[1] ?? '' } }, unmapped);
  if (text.startsWith('check pass; user unknown'))
    return pamEvent('unknown_user', 1, 'Failure', {}, unmapped);
  if (text.startsWith('Failed to create session'))
    return pamEvent('session_failed', 1, 'Failure', { status_detail: text }, unmapped);
  const changed = /^password changed for (\S+)$/.exec(text);
  if (changed) {
    return {
      kind: { class: 'accountChange', activity: 3, code: 'pam.password_changed', status: 'Success' },
      fields: { user: { name: changed[1] ?? '' }, unmapped },
    };
  }
  return undefined;
}

/** An Authentication event with the PAM module and service as unmapped fields (after the others). */
function pamEvent(
  code: string,
  activity: number,
  status: 'Success' | 'Failure',
  fields: DraftFields,
  unmapped: PamUnmapped,
): EventDraft {
  fields.unmapped = unmapped;
  return { kind: { class: 'authentication', activity, code: `pam.${code}`, status }, fields };
}

function authFailure(text: string, unmapped: PamUnmapped): EventDraft {
  const ruserAt = text.indexOf(' ruser=');
  let fields: DraftFields = {};
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
  return pamEvent('auth_failure', 1, 'Failure', fields, unmapped);
}
