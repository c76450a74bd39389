import type { SecurityEvent } from '../../protocol/security-event.ts';
import { newEvent, type LineContext } from './new-event.ts';
import { endpointOf, normalizeIp } from './normalize-ip.ts';

const nginxLine = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d) \[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*)$/;
// Apache 2.2 and 2.4 error logs; with `ErrorLog syslog` the date is syslog's and absent here.
const apacheLine =
  /^(?:\[([^\]]{1,64})\] )?\[(?:(\w*):)?(\w+)\] (?:\[pid \d+(?::tid \d+)?\] )?(?:\[(?:client|remote) (\S+?)(?::(\d{1,5}))?\] )?(.*)$/;

// A user name is quoted but its quotes are not escaped: the greedy name runs to the last place
// where the fixed text after it (and the client) fits, so a name containing `", client: …`
// cannot move the client (fail2ban's nginx-http-auth injection sample).
const nginxAuth = [
  /^user "(.*)":? (?:password mismatch|was not found in "[^"]*"), client: (\S+), server: /,
  /^PAM: user '(.*)' - not authenticated: .*, client: (\S+), server: /,
] as const;
const nginxClient = /, client: (\S+?), server: /;
// mod_auth_basic/digest: "user NAME not found: /x", "user NAME: authentication failure for …",
// "Digest: user NAME: password mismatch: /x", "user `NAME' in realm `R' not found: /x".
const apacheAuth = [
  /^(?:AH\d{5}: )?(?:Digest: )?user (.*): (?:authentication failure for|password mismatch)/,
  /^(?:AH\d{5}: )?(?:Digest: )?user `(.*)' in realm `.*' not found/,
  /^(?:AH\d{5}: )?(?:Digest: )?user (.*) not found(?:: |$)/,
] as const;

/** What an error line says happened, when it is something detection cares about. */
function kindOf(message: string, module: string | undefined): string {
  if (/^(?:AH\d{5}: )?(?:Authorization of user .* failed|user .*: authorization failure for )/.test(message))
    return 'authz_failed';
  if (/^(?:AH\d{5}: )?client used wrong authentication scheme/.test(message)) return 'auth_failed';
  if (
    /^(?:AH\d{5}: )?(?:Digest: )?(?:invalid nonce|realm mismatch|unknown algorithm|invalid qop)/.test(message)
  )
    return 'auth_protocol_error';
  if (
    /^(?:limiting (?:requests|connections)|delaying request)\b/.test(message) ||
    module?.startsWith('evasive')
  )
    return 'rate_limited';
  if (/^access forbidden by rule|^(?:AH0\d{4}: )?client denied by server configuration/.test(message))
    return 'access_forbidden';
  if (/^SSL_(?:do_handshake|read)\(\) failed|^AH0203[123]: /.test(message)) return 'tls_error';
  return 'error';
}

/** nginx and Apache error logs, as files or through syslog/journald. */
export function parseWebError(context: LineContext): SecurityEvent | undefined {
  const text = context.header.message.replace(/^\S+ nginx: /, '');
  const nginx = nginxLine.exec(text);
  if (nginx) {
    const time = Date.UTC(
      Number(nginx[1]),
      Number(nginx[2]) - 1,
      Number(nginx[3]),
      Number(nginx[4]),
      Number(nginx[5]),
      Number(nginx[6]),
    );
    const message = nginx[8] ?? '';
    for (const pattern of nginxAuth) {
      const m = pattern.exec(message);
      if (m) return authFailed(context, { time, message, user: m[1] ?? '', client: m[2], product: 'nginx' });
    }
    const kind = kindOf(message, undefined);
    return webError(context, kind, {
      time,
      message,
      level: nginx[7] ?? '',
      client: nginxClient.exec(message)?.[1],
      product: 'nginx',
    });
  }
  const apache = apacheLine.exec(text);
  if (!apache) return undefined;
  const time = apache[1] === undefined ? context.header.time : apacheTime(apache[1]);
  // Undated lines are Apache's only when syslog says Apache wrote them ("httpd[1]:", "apache2[1]:").
  if (
    time === undefined ||
    (apache[1] === undefined && !/^(?:httpd|apache)/.test(context.header.program ?? ''))
  )
    return undefined;
  const message = apache[6] ?? '';
  const { client, port } = apacheClient(apache[4], apache[5]);
  const facts = { time, message, client, port, product: 'apache' };
  const auth = apacheAuth.map((pattern) => pattern.exec(message)).find((m) => m !== null);
  if (auth) return authFailed(context, { ...facts, user: auth[1] ?? '' });
  return webError(context, kindOf(message, apache[2]), { ...facts, level: apache[3] ?? '' });
}

/** "[client 1.2.3.4:5]", "[client [2001:db8::1]:5]", "[client 2001:db8::1]": a bare IPv6 has no port. */
function apacheClient(
  host: string | undefined,
  port: string | undefined,
): { client?: string; port?: number } {
  if (host === undefined) return {};
  if (port !== undefined && !host.startsWith('[') && host.includes(':') && normalizeIp(host) === undefined) {
    return { client: `${host}:${port}` };
  }
  return { client: host, ...(port !== undefined && { port: Number(port) }) };
}

const months = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** "Fri Feb 20 10:00:16.123456 2026", server-local time, read as UTC like every zone-less stamp. */
function apacheTime(text: string): number | undefined {
  const m =
    /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? (\d{4})$/.exec(text);
  const month = months.indexOf(m?.[1] ?? '-') / 3;
  if (!m || !Number.isInteger(month)) return undefined;
  const millis = Math.floor(Number(`0.${m[6] ?? '0'}`) * 1000);
  return Date.UTC(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), millis);
}

interface Facts {
  time: number;
  message: string;
  client?: string | undefined;
  port?: number | undefined;
  product: string;
}

function authFailed(context: LineContext, facts: Facts & { user: string }): SecurityEvent {
  return withProduct(
    newEvent(
      context,
      { class: 'authentication', activity: 1, code: 'web.auth_failed', status: 'Failure' },
      {
        ...common(facts),
        user: { name: facts.user },
        auth_protocol: 'http',
      },
    ),
    facts.product,
  );
}

function webError(context: LineContext, kind: string, facts: Facts & { level: string }): SecurityEvent {
  const auth = kind === 'auth_failed' || kind === 'authz_failed' || kind === 'auth_protocol_error';
  const klass = auth ? 'authentication' : kind === 'error' ? 'base' : 'httpActivity';
  const activity = klass === 'base' ? 0 : klass === 'authentication' ? 1 : 99;
  return withProduct(
    newEvent(
      context,
      {
        class: klass,
        activity,
        code: `web.${kind}`,
        ...(kind !== 'error' && { status: 'Failure' as const }),
      },
      {
        ...common(facts),
        unmapped: { level: facts.level },
      },
    ),
    facts.product,
  );
}

function common(facts: Facts): Partial<SecurityEvent> {
  return {
    time: facts.time,
    message: facts.message,
    ...(facts.client !== undefined && { src_endpoint: endpointOf(facts.client, facts.port) }),
    logsource: { category: 'webserver', product: facts.product, service: 'error' },
  };
}

function withProduct(event: SecurityEvent, product: string): SecurityEvent {
  event.metadata.product = { name: product };
  return event;
}
