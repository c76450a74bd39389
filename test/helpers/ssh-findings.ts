import type { Finding, Severity } from '../../src/protocol/finding.ts';
import type { SecurityEvent } from '../../src/protocol/security-event.ts';

/** The built-in rule pack's SSH brute-force rule (rules/builtin/ssh/ssh-brute-force.yml). */
export const sshBruteForceRule = {
  id: '64dbd59d-140c-4a4f-8e62-0d5f95a24c53',
  title: 'SSH brute force from one source',
  severity: 'high',
  attack: ['credential-access', 'T1110.001'],
  tags: ['attack.credential-access', 'attack.t1110.001'],
  type: 'correlation',
} as const satisfies Finding['rule'];

const syslogStamp = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** `Mar 01, 11:58:01` → `Mar  1 11:58:01`, as syslog writes it. */
function stamp(time: number): string {
  const parts = Object.fromEntries(syslogStamp.formatToParts(time).map((p) => [p.type, p.value]));
  const day = String(Number(parts.day)).padStart(2, ' ');
  return `${parts.month} ${day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** One `Failed password` (or, with `accepted`, `Accepted password`) line from sshd as the parsers normalize it. */
export function sshPassword(
  time: number,
  srcIp: string,
  user: string,
  host: string,
  accepted = false,
): SecurityEvent {
  // A new connection each second, as an attacking tool makes them.
  const connection = Math.floor(time / 1000) % 20_000;
  const pid = 10_000 + connection;
  const port = 40_000 + connection;
  const message = `${accepted ? 'Accepted' : 'Failed'} password for ${user} from ${srcIp} port ${port} ssh2`;
  return {
    class_uid: 3002,
    class_name: 'Authentication',
    category_uid: 3,
    activity_id: 1,
    type_uid: 300201,
    time,
    status_id: accepted ? 1 : 2,
    status: accepted ? 'Success' : 'Failure',
    message,
    raw_data: `${stamp(time)} ${host} sshd[${pid}]: ${message}`,
    metadata: {
      product: { name: 'sshd' },
      log_name: '/var/log/auth.log',
      event_code: accepted ? 'sshd.accepted' : 'sshd.failed_password',
    },
    logsource: { product: 'linux', service: 'sshd' },
    device: { hostname: host },
    src_endpoint: { ip: srcIp, port },
    user: { name: user },
    auth_protocol: 'password',
  };
}

export interface BruteForceOptions {
  srcIp?: string;
  user?: string;
  host?: string;
  /** Log time of the first failure, epoch ms. */
  start: number;
  failures?: number;
  /** Between failures. */
  everyMs?: number;
  rule?: Partial<Finding['rule']> & { severity?: Severity };
  /** The last attempt got in: its line is an `Accepted password`. */
  succeeded?: boolean;
}

/** A brute-force correlation firing: `failures` password attempts, one every `everyMs`. */
export function sshBruteForce(options: BruteForceOptions): Finding {
  const {
    srcIp = '203.0.113.9',
    user = 'root',
    host = 'web1',
    start,
    failures = 5,
    everyMs = 4000,
  } = options;
  const evidence = Array.from({ length: failures }, (_, i) =>
    sshPassword(start + i * everyMs, srcIp, user, host, options.succeeded === true && i === failures - 1),
  );
  return {
    rule: { ...sshBruteForceRule, ...options.rule },
    entities: { srcIp, user, host },
    firstSeen: start,
    lastSeen: start + (failures - 1) * everyMs,
    count: failures,
    evidence,
  };
}
