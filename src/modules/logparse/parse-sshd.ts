import { findSource } from './find-source.ts';
import type { EventDraft, ProgramMessage } from './new-event.ts';
import { sshdAuth, sshdNetwork, sshdOther, type SshdFacts } from './sshd-events.ts';

type Rule = readonly [RegExp, (m: RegExpExecArray) => EventDraft];

// Every pattern is anchored at the start; a user name (attacker-chosen) is only ever matched by
// one greedy `(.*)` followed by a fixed tail anchored at the end, so the real host, which sshd
// writes last, wins over any "from 6.6.6.6" typed into the name, and matching stays linear.
const tail = String.raw`(?: on \S+(?: port \d{1,5})?)?(?: ssh\d?)?( \[preauth\])?$`;
const port = String.raw`(?: port (\d{1,5}))?`;

const num = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
const invalidPrefix = /^(?:invalid|illegal) user /;

const rules: readonly Rule[] = [
  [
    /^Accepted (\S+) for (\S+) from (\S+) port (\d{1,5})/,
    (m) => sshdAuth('accepted', 'Success', { protocol: m[1], user: m[2], host: m[3], port: num(m[4]) }),
  ],
  [
    /^[Ii](?:nvalid|llegal) user (?:(.*) )?from (\S+)((?: (?:port \d{1,5}|on \S+|\[preauth\])){0,3})$/,
    (m) =>
      sshdAuth('invalid_user', 'Failure', {
        user: m[1],
        host: m[2],
        port: num(/port (\d+)/.exec(m[3] ?? '')?.[1]),
        detail: 'invalid user',
      }),
  ],
  [
    new RegExp(String.raw`^User (.*) from (\S+)${port} not allowed because (.{1,300}?)( \[preauth\])?$`),
    (m) => sshdAuth('user_not_allowed', 'Failure', { user: m[1], host: m[2], port: num(m[3]), detail: m[4] }),
  ],
  [
    /^User (.*) not allowed because (.{1,300}?)( \[preauth\])?$/,
    (m) => sshdAuth('user_not_allowed', 'Failure', { user: m[1], detail: m[2] }),
  ],
  [
    new RegExp(String.raw`^ROOT LOGIN REFUSED FROM (\S+)${port}`),
    (m) => sshdAuth('root_refused', 'Failure', { user: 'root', host: m[1], port: num(m[2]) }),
  ],
  [/^refused connect from \S+ \((\S+)\)$/, (m) => sshdNetwork('connect_refused', 5, { host: m[1] })],
  [
    new RegExp(
      String.raw`^maximum authentication attempts exceeded for (invalid user )?(.*) from (\S+)${port}${tail}`,
    ),
    (m) =>
      sshdAuth('max_auth_exceeded', 'Failure', {
        user: m[2],
        host: m[3],
        port: num(m[4]),
        ...(m[1] && { detail: 'invalid user' }),
      }),
  ],
  [
    /^Disconnecting: Too many authentication failures(?: for (.*?))?( \[preauth\])?$/,
    (m) => sshdAuth('max_auth_exceeded', 'Failure', { ...(m[1] !== undefined && { user: m[1] }) }),
  ],
  [
    /^Disconnecting (?:(?:invalid|authenticating) )?user (.*) (\S+) port (\d{1,5})(?:: (.*))?$/,
    disconnecting,
  ],
  [
    /^[aA]uthentication (?:failure|error|failed) for (.*) from (\S+)(?: via \S+)?( \[preauth\])?$/,
    (m) => passwordFailure(m[1] ?? '', m[2]),
  ],
  [
    /^(?:User not known to the underlying authentication module|unknown user) for (.*) from (\S+)( \[preauth\])?$/,
    (m) => {
      const user = m[1] ?? '';
      // PAM's "unknown user" names sshd's own "illegal user" verdict; "User not known…" repeats it
      // for a failed password, which sshd also logs as such.
      if (m[0].startsWith('unknown')) return passwordFailure(user, m[2]);
      return sshdAuth('auth_failed', 'Failure', {
        user: user.replace(invalidPrefix, ''),
        host: m[2],
        detail: 'user not known',
      });
    },
  ],
  [
    /^Received disconnect from (\S+) port (\d{1,5}): ?(\d{1,3}): (.*)$/,
    (m) => receivedDisconnect(m[1], m[2], m[3], m[4]),
  ],
  [
    /^Received disconnect from (\S+): ?(\d{1,3}): (.*)$/,
    (m) => receivedDisconnect(m[1], undefined, m[2], m[3]),
  ],
  [
    /^(Connection closed|Connection reset|Disconnected) (?:by|from) (?:(?:invalid|authenticating) user (.*) |user (.*) )?(\S+) port (\d{1,5})( \[preauth\])?$/,
    (m) => closed(m[1] === 'Connection reset', m[2] ?? m[3], m[4], num(m[5]), m[6] !== undefined),
  ],
  [
    /^Connection (closed|reset) by (\S+)( \[preauth\])?$/,
    (m) => closed(m[1] === 'reset', undefined, m[2], undefined, m[3] !== undefined),
  ],
  [
    new RegExp(String.raw`^Connection from (\S+)${port}(?: on (\S+) port \d{1,5})?(?: rdomain "[^"]*")?$`),
    (m) => sshdNetwork('connection', 1, { host: m[1], port: num(m[2]) }),
  ],
  [
    new RegExp(String.raw`^Did not receive identification string from (\S+)${port}`),
    (m) => sshdNetwork('no_identification', 4, { host: m[1], port: num(m[2]) }),
  ],
  [
    /^kex_exchange_identification: (?:read: )?(?:Connection closed by remote host|Connection reset by peer)/,
    () => sshdNetwork('no_identification', 4, {}),
  ],
  [
    /^kex_exchange_identification: [Cc]lient sent invalid protocol identifier/,
    () => sshdNetwork('bad_protocol', 4, {}),
  ],
  [/^kex_exchange_identification: /, () => sshdOther('kex_error')],
  [
    new RegExp(String.raw`^Bad protocol version identification '(.*)' from (\S+)${port}${tail}`),
    (m) => sshdNetwork('bad_protocol', 4, { host: m[2], port: num(m[3]), detail: m[1] }),
  ],
  [
    /^banner exchange: Connection from (\S+) port (\d{1,5}): (.*)$/,
    (m) => sshdNetwork('bad_protocol', 4, { host: m[1], port: num(m[2]), detail: m[3] }),
  ],
  [
    /^ssh_dispatch_run_fatal: Connection from (?:(?:invalid|authenticating) user .* )?(\S+) port (\d{1,5}): (.*?)( \[preauth\])?$/,
    (m) =>
      sshdNetwork(
        /message authentication code incorrect|[Cc]onnection corrupted/.test(m[3] ?? '')
          ? 'bad_protocol'
          : 'protocol_error',
        4,
        {
          host: m[1],
          port: num(m[2]),
          detail: m[3],
        },
      ),
  ],
  [
    /^Magic value check failed \(\d+\) on obfuscated handshake from (\S+) port (\d{1,5})/,
    (m) => sshdNetwork('bad_protocol', 4, { host: m[1], port: num(m[2]), detail: 'obfuscated handshake' }),
  ],
  [
    /^drop connection #\d+ from \[(\S+)\]:(\d{1,5}) on \[\S+\]:\d{1,5} past MaxStartups/,
    (m) => sshdNetwork('max_startups_drop', 5, { host: m[1], port: num(m[2]) }),
  ],
  [
    /^srclimit_penalise: ipv[46]: (?:new )?([\w.:]+?)(?:\/\d{1,3})? (?:deferred )?penalty of \d+ seconds? for penalty: (.*)$/,
    (m) => sshdOther('source_penalised', { host: m[1], detail: m[2] }),
  ],
  [
    /^Close session: user (.*) from (\S+) port (\d{1,5}) id \d+$/,
    (m) => sshdNetwork('session_closed', 2, { user: m[1], host: m[2], port: num(m[3]) }),
  ],
  [
    new RegExp(String.raw`^Timeout before authentication for (?:connection from )?(\S+)${port}`),
    (m) => sshdNetwork('auth_timeout', 4, { host: m[1], port: num(m[2]) }),
  ],
  [/^Read from socket failed: Connection reset by peer/, () => sshdNetwork('connection_reset', 3, {})],
  [
    new RegExp(String.raw`^Read error from remote host (\S+?)${port}: Connection reset by peer`),
    (m) => sshdNetwork('connection_reset', 3, { host: m[1], port: num(m[2]) }),
  ],
  [
    new RegExp(String.raw`^Unable to negotiate with (\S+?)${port}: no matching (.{1,80}?) found`),
    (m) =>
      sshdNetwork('negotiation_failed', 4, {
        host: m[1],
        port: num(m[2]),
        detail: `no matching ${m[3] ?? ''}`,
      }),
  ],
  [
    /^(?:Unable to negotiate a (.{1,80}?)(?: \[preauth\])?$|no matching (\S+(?: \S+){0,2}) found)/,
    (m) => sshdNetwork('negotiation_failed', 4, { detail: m[1] ?? `no matching ${m[2] ?? ''}` }),
  ],
  [
    /^(?:Disconnecting: )?(?:bad client public DH value|Corrupted MAC on input\.|Bad packet length \d+\.|Corrupted check bytes on input\.)/,
    () => sshdNetwork('protocol_error', 4, {}),
  ],
  [
    /^SSH: Server;Ltype: \w+;Remote: (\S+?)-(\d{1,5});/,
    (m) => sshdOther('audit_record', { host: m[1], port: num(m[2]) }),
  ],
  [
    /^Address (\S+) maps to \S+, but this does not map back to the address/,
    (m) => sshdOther('reverse_mapping', { host: m[1] }),
  ],
  [
    /^reverse mapping checking getaddrinfo for \S+ \[(\S+)\] failed/,
    (m) => sshdOther('reverse_mapping', { host: m[1] }),
  ],
  [
    new RegExp(String.raw`^Postponed (\S+) for (?:invalid user )?(.*) from (\S+)${port}${tail}`),
    (m) => sshdOther('postponed', { protocol: m[1], user: m[2], host: m[3], port: num(m[4]) }),
  ],
  [
    /^input_userauth_request: invalid user (.*?)( \[preauth\])?$/,
    (m) => sshdOther('invalid_user_request', { user: m[1] }),
  ],
  [/^Authentication refused: (.*)$/, (m) => sshdOther('bad_key_permissions', { detail: m[1] })],
  [
    /^Could not (?:stat AuthorizedKeysCommand|load host key)|^Bad prime description in line|^Cannot bind any address/,
    () => sshdOther('config_error'),
  ],
  [
    /^subsystem request for (\S+) by user (.*) failed/,
    (m) => sshdOther('subsystem_failed', { user: m[2], detail: m[1] }),
  ],
  [
    /^channel \d+: connection failed: |^server_input_channel_open: failure /,
    () => sshdOther('channel_error'),
  ],
  [/^(?:getpeername failed|get_remote_port failed)/, () => sshdOther('socket_error')],
];

// "error: ", "fatal: ", "error: PAM: ", "debug1: ": severity words some sshd versions put first.
const severityPrefix = /^(?:(?:error|fatal): (?:PAM: )?|debug\d: )/;

/** sshd, sshd-session and sshd-auth (OpenSSH ≥ 9.8 splits sshd into these). */
export function parseSshd({ message }: ProgramMessage): EventDraft | undefined {
  const text = message.replace(severityPrefix, '').trimEnd();
  if (text.startsWith('Failed ')) return failed(text);
  for (const [pattern, build] of rules) {
    const match = pattern.exec(text);
    if (match) return build(match);
  }
  return undefined;
}

/** "Failed <method> for [invalid user ]USER from HOST port N ssh2[: details]". */
function failed(text: string): EventDraft | undefined {
  const methodEnd = text.indexOf(' for ', 7);
  if (methodEnd === -1) return undefined;
  const protocol = text.slice(7, methodEnd);
  const source = findSource(text, methodEnd + 4);
  if (!source) return undefined;
  let user = text.slice(methodEnd + 5, source.start);
  const invalid = invalidPrefix.test(user) || user === '<invalid username>';
  user = user.replace(invalidPrefix, '');
  const facts: SshdFacts = { protocol, host: source.host };
  if (source.port !== undefined) facts.port = source.port;
  if (user !== '<invalid username>') facts.user = user;
  if (invalid) facts.detail = 'invalid user';
  // A client offers its keys one after another; a refused key of a real account is routine.
  if (protocol === 'publickey' && !invalid) return sshdAuth('publickey_rejected', 'Failure', facts);
  return sshdAuth(invalid ? 'invalid_user' : 'auth_failed', 'Failure', facts);
}

/** PAM's "authentication failure for [illegal user ]USER from HOST" through sshd. */
function passwordFailure(user: string, host: string | undefined): EventDraft {
  const invalid = invalidPrefix.test(user);
  const facts: SshdFacts = { user: user.replace(invalidPrefix, '') };
  if (host !== undefined) facts.host = host;
  if (invalid) facts.detail = 'invalid user';
  return sshdAuth(invalid ? 'invalid_user' : 'auth_failed', 'Failure', facts);
}

function receivedDisconnect(
  host: string | undefined,
  portText: string | undefined,
  code: string | undefined,
  reason: string | undefined,
): EventDraft {
  const text = reason ?? '';
  const preauth = text.endsWith(' [preauth]');
  const facts: SshdFacts = {};
  if (host !== undefined) facts.host = host;
  if (portText !== undefined) facts.port = Number(portText);
  facts.detail = text;
  facts.preauth = preauth;
  // SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE (14), and clients (JSch) that say "Auth fail" with code 3.
  if (code === '3' && /: Auth fail(?: \[preauth\])?$/.test(text))
    return sshdAuth('auth_failed', 'Failure', facts);
  if (code === '14' && /^No (?:supported )?authentication methods available/.test(text)) {
    return sshdAuth('no_auth_methods', 'Failure', facts);
  }
  return sshdNetwork('received_disconnect', 2, facts);
}

function closed(
  reset: boolean,
  user: string | undefined,
  host: string | undefined,
  portNumber: number | undefined,
  preauth: boolean,
): EventDraft {
  const facts: SshdFacts = {};
  if (user !== undefined) facts.user = user;
  if (host !== undefined) facts.host = host;
  if (portNumber !== undefined) facts.port = portNumber;
  facts.preauth = preauth;
  return sshdNetwork(preauth ? 'preauth_close' : 'connection_closed', reset ? 3 : 2, facts);
}

/** "Disconnecting [invalid|authenticating ]user USER HOST port N: REASON". */
function disconnecting(m: RegExpExecArray): EventDraft {
  const facts = { user: m[1] ?? '', host: m[2] ?? '', port: Number(m[3]), detail: m[4] ?? '' };
  const reason = facts.detail;
  if (reason.startsWith('Change of username or service not allowed')) {
    return sshdAuth('user_change_refused', 'Failure', facts);
  }
  // Follows "maximum authentication attempts exceeded" for the same connection: not a new attempt.
  if (reason.startsWith('Too many authentication failures'))
    return sshdNetwork('max_auth_disconnect', 2, facts);
  return sshdNetwork('connection_closed', 2, facts);
}
