import { cleanText } from './banner-line.ts';
import type { ServiceFacts } from './service-facts.ts';

/**
 * The first packet a MySQL or MariaDB server sends: a 3-byte length, sequence 0, then either the
 * protocol 10 handshake (`0x0a`, the server version NUL-terminated, connection id, salt…) or an error
 * packet (`0xff`, code, message: `Host '…' is not allowed to connect`).
 */
export function parseMysqlHandshake(bytes: Buffer): ServiceFacts | undefined {
  if (bytes.length < 5) return undefined;
  const length = bytes.readUIntLE(0, 3);
  if (bytes[3] !== 0 || length < 2 || length > 0x4000) return undefined;
  const payload = bytes.subarray(4, 4 + length);
  if (payload[0] === 0xff && payload.length >= 3) {
    const message = cleanText(payload.subarray(payload[3] === 0x23 ? 9 : 3).toString('latin1'));
    if (!/mysql|mariadb|host .{0,80} is not allowed|too many connections/i.test(message)) return undefined;
    return { service: 'mysql', banner: message, details: { error: message } };
  }
  if (payload[0] !== 0x0a) return undefined;
  const end = payload.indexOf(0, 1);
  if (end < 2 || end > 80) return undefined;
  const raw = payload.subarray(1, end).toString('latin1');
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}/.test(raw)) return undefined;
  // MariaDB 10+ prefixes `5.5.5-` so that old clients do not mistake it for MySQL 10.
  const text = cleanText(raw.replace(/^5\.5\.5-/, ''));
  const mariadb = /mariadb/i.test(text);
  const version = /^\d{1,3}\.\d{1,3}\.\d{1,3}/.exec(text)?.[0];
  return {
    service: 'mysql',
    product: mariadb ? 'MariaDB' : 'MySQL',
    ...(version ? { version } : {}),
    banner: text,
    details: { serverVersion: text },
  };
}
