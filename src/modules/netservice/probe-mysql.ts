import { cleanText } from './banner-line.ts';
import type { ProbeStream } from './probe-stream.ts';
import type { ServiceFacts } from './service-facts.ts';

const replyWaitMs = 3000;

/** CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH. */
const capabilities = 0x00000001 | 0x00000200 | 0x00008000 | 0x00080000;

function packet(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header[3] = sequence;
  return Buffer.concat([header, payload]);
}

/** HandshakeResponse41 as `root` with an empty password: an empty auth response for any plugin. */
function emptyPasswordLogin(user: string): Buffer {
  const fixed = Buffer.alloc(32);
  fixed.writeUInt32LE(capabilities, 0);
  fixed.writeUInt32LE(16 * 1024 * 1024, 4);
  fixed[8] = 0x21;
  return packet(
    1,
    Buffer.concat([
      fixed,
      Buffer.from(`${user}\0`),
      Buffer.from([0]),
      Buffer.from('mysql_native_password\0'),
    ]),
  );
}

/** A whole packet at the start of `bytes`: its sequence number and payload. */
export function readPacket(bytes: Buffer): { sequence: number; payload: Buffer } | undefined {
  if (bytes.length < 4) return undefined;
  const length = bytes.readUIntLE(0, 3);
  if (bytes.length < 4 + length) return undefined;
  return { sequence: bytes[3] ?? 0, payload: bytes.subarray(4, 4 + length) };
}

/**
 * After the greeting: log in as root with an empty password, as anyone who finds the port would
 * try first. OK means no password is needed; an auth switch is answered with the same empty
 * password; ERR (access denied, TLS required) means credentials are needed. Ends with COM_QUIT.
 */
export async function followMysql(stream: ProbeStream, greeting: ServiceFacts): Promise<ServiceFacts> {
  if (greeting.details?.error !== undefined) return greeting;
  stream.consume();
  stream.write(emptyPasswordLogin('root'));
  let reply = readPacket(await stream.waitFor((bytes) => readPacket(bytes) !== undefined, replyWaitMs));
  if (reply?.payload[0] === 0xfe && reply.payload.length > 1) {
    stream.consume();
    stream.write(packet(reply.sequence + 1, Buffer.alloc(0)));
    reply = readPacket(await stream.waitFor((bytes) => readPacket(bytes) !== undefined, replyWaitMs));
  }
  stream.write(packet(0, Buffer.from([0x01])));
  const first = reply?.payload[0];
  if (first === 0x00) {
    return {
      ...greeting,
      method: 'probe',
      auth: 'none',
      details: { ...greeting.details, emptyPasswordUser: 'root' },
    };
  }
  if (first === 0xff && reply) {
    const message = cleanText(reply.payload.subarray(reply.payload[3] === 0x23 ? 9 : 3).toString('utf8'));
    return {
      ...greeting,
      method: 'probe',
      auth: 'required',
      details: { ...greeting.details, loginError: message },
    };
  }
  return { ...greeting, auth: 'unknown' };
}
