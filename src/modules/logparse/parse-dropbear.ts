import type { DraftFields, EventDraft, ProgramMessage } from './new-event.ts';
import { endpointOf } from './normalize-ip.ts';

// Some builds repeat the pid and time inside the message: "[825] Jul 10 23:53:52 Bad password…".
const innerStamp = /^\[\d{1,10}\] [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /;

/** dropbear's "host:port" (IPv6 has colons too: the port is after the last one). */
function endpoint(hostPort: string | undefined): DraftFields {
  if (hostPort === undefined) return {};
  const colon = hostPort.lastIndexOf(':');
  if (colon <= 0) return { src_endpoint: endpointOf(hostPort) };
  return { src_endpoint: endpointOf(hostPort.slice(0, colon), Number(hostPort.slice(colon + 1))) };
}

/** dropbear, the small SSH server of embedded systems. User names are quoted; the source is last. */
export function parseDropbear({ message }: ProgramMessage): EventDraft | undefined {
  const text = message.replace(innerStamp, '').trimEnd();
  const auth = (code: string, status: 'Success' | 'Failure', fields: DraftFields): EventDraft => ({
    kind: { class: 'authentication', activity: 1, code: `dropbear.${code}`, status },
    fields,
  });
  let m = /^[Bb]ad password attempt for '(.*)' from (\S+)$/.exec(text);
  if (m)
    return auth('auth_failed', 'Failure', {
      user: { name: m[1] ?? '' },
      ...endpoint(m[2]),
      auth_protocol: 'password',
    });
  m = /^[Ll]ogin attempt for nonexistent user(?: '(.*)')? from (\S+)$/.exec(text);
  if (m)
    return auth('invalid_user', 'Failure', {
      ...(m[1] !== undefined && { user: { name: m[1] } }),
      ...endpoint(m[2]),
    });
  m =
    /^Exit before auth(?: from <(\S+)>)?:? (?:\(user '.*', \d+ fails\): )?Max auth tries reached - user '(.*)'(?: from (\S+))?$/.exec(
      text,
    );
  if (m)
    return auth('max_auth_exceeded', 'Failure', { user: { name: m[2] ?? '' }, ...endpoint(m[3] ?? m[1]) });
  m = /^(Password|Pubkey) auth succeeded for '(.*)'(?: with key .*)? from (\S+)$/.exec(text);
  if (m) {
    return auth('accepted', 'Success', {
      user: { name: m[2] ?? '' },
      ...endpoint(m[3]),
      auth_protocol: (m[1] ?? '').toLowerCase(),
    });
  }
  return undefined;
}
