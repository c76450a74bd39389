import type { SecurityEvent } from '../../protocol/security-event.ts';
import { newEvent, type LineContext } from './new-event.ts';
import { endpointOf } from './normalize-ip.ts';

const nginxLine = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d) \[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*)$/;
const apacheLine = /^\[([^\]]{1,64})\] \[(?:\w+:)?(\w+)\] (?:\[pid \d+(?::tid \d+)?\] )?(?:\[client (\S+?)(?::(\d+))?\] )?(.*)$/;

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

/** nginx and Apache error logs (files; through journald the nginx line follows its own prefix). */
export function parseWebError(context: LineContext): SecurityEvent | undefined {
  const text = context.header.message.replace(/^\S+ nginx: /, '');
  const nginx = nginxLine.exec(text);
  if (nginx) {
    const time = Date.UTC(Number(nginx[1]), Number(nginx[2]) - 1, Number(nginx[3]), Number(nginx[4]), Number(nginx[5]), Number(nginx[6]));
    const message = nginx[8] ?? '';
    for (const pattern of nginxAuth) {
      const m = pattern.exec(message);
      if (m) return authFailed(context, { time, message, user: m[1] ?? '', client: m[2], product: 'nginx' });
    }
    return webError(context, { time, message, level: nginx[7] ?? '', client: nginxClient.exec(message)?.[1], product: 'nginx' });
  }
  const apache = apacheLine.exec(text);
  if (!apache) return undefined;
  const time = apacheTime(apache[1] ?? '');
  if (time === undefined) return undefined;
  const message = apache[5] ?? '';
  const client = apache[3];
  const port = apache[4] === undefined ? undefined : Number(apache[4]);
  const auth = apacheAuth.map((pattern) => pattern.exec(message)).find((m) => m !== null);
  if (auth) return authFailed(context, { time, message, user: auth[1] ?? '', client, port, product: 'apache' });
  return webError(context, { time, message, level: apache[2] ?? '', client, port, product: 'apache' });
}

const months = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** "Fri Feb 20 10:00:16.123456 2026", server-local time, read as UTC like every zone-less stamp. */
function apacheTime(text: string): number | undefined {
  const m = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? (\d{4})$/.exec(text);
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
  return withProduct(newEvent(context, { class: 'authentication', activity: 1, code: 'web.auth_failed', status: 'Failure' }, {
    ...common(facts),
    user: { name: facts.user },
    auth_protocol: 'http-basic',
  }), facts.product);
}

function webError(context: LineContext, facts: Facts & { level: string }): SecurityEvent {
  return withProduct(newEvent(context, { class: 'base', activity: 0, code: 'web.error' }, {
    ...common(facts),
    unmapped: { level: facts.level },
  }), facts.product);
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
  event.metadata.product.name = product;
  return event;
}
