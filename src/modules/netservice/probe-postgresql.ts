import { cleanText } from './banner-line.ts';
import type { ClientProbe, ServiceFacts } from './service-facts.ts';

/** SSLRequest (protocol 1234.5679): the server answers one byte, `S` (TLS offered) or `N`. */
const sslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
const terminate = Buffer.from([0x58, 0, 0, 0, 4]);

/** StartupMessage, protocol 3.0, as the superuser to its own database: what an attacker tries first. */
export function startupMessage(user: string, database: string): Buffer {
  const parameters = Buffer.from(`user\0${user}\0database\0${database}\0application_name\0vigil\0\0`);
  const message = Buffer.alloc(8 + parameters.length);
  message.writeInt32BE(message.length, 0);
  message.writeInt32BE(0x00030000, 4);
  parameters.copy(message, 8);
  return message;
}

const authMethods: Record<number, string> = {
  2: 'kerberos',
  3: 'password',
  5: 'md5',
  7: 'gss',
  9: 'sspi',
  10: 'sasl',
};

export interface PostgresStartup {
  /** The AuthenticationOk/-request code, when one came. */
  authCode?: number;
  serverVersion?: string;
  /** SQLSTATE and message of an ErrorResponse. */
  error?: { code: string; message: string };
  /** A ReadyForQuery or an error ended the exchange. */
  done: boolean;
}

/** The backend messages answering a StartupMessage: type byte, int32 length, payload; bounded. */
export function readStartupReply(bytes: Buffer): PostgresStartup | undefined {
  const result: PostgresStartup = { done: false };
  let offset = 0;
  for (let count = 0; count < 100 && offset + 5 <= bytes.length; count++) {
    const type = String.fromCharCode(bytes[offset] ?? 0);
    const length = bytes.readInt32BE(offset + 1);
    if (length < 4 || length > 64 * 1024 || !'RSKZENv'.includes(type)) return undefined;
    if (offset + 1 + length > bytes.length) break;
    const payload = bytes.subarray(offset + 5, offset + 1 + length);
    offset += 1 + length;
    if (type === 'R' && payload.length >= 4) {
      result.authCode = payload.readInt32BE(0);
      if (result.authCode !== 0) result.done = true;
    } else if (type === 'S') {
      const [name, value] = payload.toString('utf8').split('\0');
      if (name === 'server_version' && value) result.serverVersion = cleanText(value);
    } else if (type === 'E') {
      const fields = new Map<string, string>();
      for (const field of payload.toString('utf8').split('\0').slice(0, 30)) {
        if (field) fields.set(field.charAt(0), field.slice(1));
      }
      result.error = { code: cleanText(fields.get('C') ?? ''), message: cleanText(fields.get('M') ?? '') };
      result.done = true;
    } else if (type === 'Z') result.done = true;
  }
  return result;
}

/**
 * SSLRequest, then a StartupMessage as `postgres`: AuthenticationOk without a password means the
 * server trusts anyone who connects from here (pg_hba `trust`). The session ends with Terminate.
 */
export const probePostgresql: ClientProbe = async (stream, { waitMs, reopen }) => {
  stream.write(sslRequest);
  const answer = await stream.waitFor((bytes) => bytes.length >= 1, waitMs);
  if (answer.length !== 1 || (answer[0] !== 0x53 && answer[0] !== 0x4e)) return undefined;
  const starttls = answer[0] === 0x53;
  // After `S` the server expects a TLS handshake, so the login check takes a new connection.
  const session = starttls ? await reopen() : stream;
  const facts: ServiceFacts = { service: 'postgresql', product: 'PostgreSQL', starttls, method: 'probe' };
  if (!session) return facts;
  try {
    session.consume();
    session.write(startupMessage('postgres', 'postgres'));
    const reply = readStartupReply(
      await session.waitFor((bytes) => readStartupReply(bytes)?.done !== false, waitMs),
    );
    session.write(terminate);
    if (!reply) return facts;
    const version = reply.serverVersion && /^\d{1,3}(?:\.\d{1,3}){0,2}/.exec(reply.serverVersion)?.[0];
    const details: Record<string, string> = {};
    if (reply.serverVersion) details.serverVersion = reply.serverVersion;
    if (reply.authCode !== undefined && reply.authCode !== 0)
      details.authMethod = authMethods[reply.authCode] ?? String(reply.authCode);
    if (reply.error) details.error = `${reply.error.code} ${reply.error.message}`;
    const auth =
      reply.authCode === 0
        ? 'none'
        : reply.authCode !== undefined || reply.error?.code.startsWith('28')
          ? 'required'
          : 'unknown';
    return { ...facts, ...(version ? { version } : {}), auth, details };
  } finally {
    if (session !== stream) session.close();
  }
};
