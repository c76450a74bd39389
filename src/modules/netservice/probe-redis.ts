import { cleanText } from './banner-line.ts';
import type { ClientProbe, ServiceFacts } from './service-facts.ts';

const line = (bytes: Buffer) => bytes.includes('\r\n');

/** `redis_version:7.0.15` and friends from an `INFO server` bulk reply. */
function parseRedisInfo(bytes: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const entry of bytes
    .subarray(0, 16 * 1024)
    .toString('latin1')
    .split('\r\n')
    .slice(0, 200)) {
    const match = /^(redis_version|redis_mode|os|valkey_version|server_name):(.{1,100})$/.exec(entry);
    if (match?.[1] && match[2]) fields[match[1]] = cleanText(match[2]);
  }
  return fields;
}

/**
 * `PING`: `+PONG` means anyone may run commands (then `INFO server` gives the version); `-NOAUTH`
 * means a password is set; `-DENIED` is protected mode refusing non-loopback clients.
 */
export const probeRedis: ClientProbe = async (stream, { waitMs }): Promise<ServiceFacts | undefined> => {
  stream.write('PING\r\n');
  const reply = (await stream.waitFor(line, waitMs)).toString('latin1');
  if (
    reply.startsWith('-NOAUTH') ||
    reply.startsWith('-DENIED') ||
    /^-ERR operation not permitted/.test(reply)
  ) {
    return {
      service: 'redis',
      product: 'Redis',
      auth: 'required',
      method: 'probe',
      details: { reply: cleanText(reply.slice(0, reply.indexOf('\r\n'))) },
    };
  }
  if (!reply.startsWith('+PONG\r\n')) return undefined;
  stream.consume();
  stream.write('INFO server\r\n');
  const info = await stream.waitFor((bytes) => {
    const header = /^\$(\d{1,6})\r\n/.exec(bytes.subarray(0, 12).toString('latin1'));
    return header?.[1] !== undefined && bytes.length >= header[0].length + Number(header[1]);
  }, waitMs);
  stream.write('QUIT\r\n');
  const fields = parseRedisInfo(info);
  const valkey = fields.valkey_version !== undefined || fields.server_name === 'valkey';
  const version = fields.valkey_version ?? fields.redis_version;
  const details: Record<string, string> = {};
  if (fields.redis_mode) details.mode = fields.redis_mode;
  if (fields.os) details.os = fields.os;
  return {
    service: 'redis',
    product: valkey ? 'Valkey' : 'Redis',
    ...(version ? { version } : {}),
    auth: 'none',
    method: 'probe',
    details,
  };
};
