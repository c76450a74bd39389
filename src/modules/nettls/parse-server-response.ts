import { extensionTypes } from './client-hello.ts';

/*
 * The first thing a server answers to a ClientHello, read strictly from hostile bytes: every length is
 * checked against what arrived and against the record limits, and anything but a ServerHello or an
 * alert ends the exchange as `unexpected`.
 */

export type ServerResponse =
  | {
      kind: 'hello';
      /** The negotiated version: supported_versions when present (TLS 1.3), else server_version. */
      version: number;
      cipher: number;
      /** A TLS 1.3 HelloRetryRequest: the server accepts the version and suite but wants another key share. */
      helloRetry: boolean;
    }
  | { kind: 'alert'; level: number; description: number }
  | { kind: 'unexpected'; reason: string };

// RFC 8446 4.1.3: a HelloRetryRequest is a ServerHello with this random.
const helloRetryRandom = Buffer.from(
  'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c',
  'hex',
);

/** Largest record the RFCs allow (2^14 plaintext plus expansion). */
const maxRecord = 16_384 + 2_048;
/** A ServerHello with every extension a server may send stays well under this. */
const maxServerHello = 8_192;

class Truncated extends Error {}

class Reader {
  private offset = 0;
  constructor(private readonly data: Buffer) {}
  get remaining(): number {
    return this.data.length - this.offset;
  }
  u8(): number {
    return this.bytes(1)[0] ?? 0;
  }
  u16(): number {
    return this.bytes(2).readUInt16BE();
  }
  bytes(count: number): Buffer {
    if (count > this.remaining) throw new Truncated();
    const slice = this.data.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }
}

function parseServerHello(body: Buffer): ServerResponse {
  try {
    const reader = new Reader(body);
    const serverVersion = reader.u16();
    const random = reader.bytes(32);
    const sessionIdLength = reader.u8();
    if (sessionIdLength > 32) return { kind: 'unexpected', reason: 'session id longer than 32 bytes' };
    reader.bytes(sessionIdLength);
    const cipher = reader.u16();
    reader.u8();
    let version = serverVersion;
    if (reader.remaining > 0) {
      const extensions = new Reader(reader.bytes(reader.u16()));
      while (extensions.remaining > 0) {
        const type = extensions.u16();
        const data = extensions.bytes(extensions.u16());
        if (type === extensionTypes.supportedVersions) {
          if (data.length !== 2) return { kind: 'unexpected', reason: 'malformed supported_versions' };
          version = data.readUInt16BE();
        }
      }
    }
    return { kind: 'hello', version, cipher, helloRetry: random.equals(helloRetryRandom) };
  } catch (error) {
    if (error instanceof Truncated) return { kind: 'unexpected', reason: 'truncated ServerHello' };
    throw error;
  }
}

const maxRecords = 64;

/** Certificate lists beyond this are not read (a chain of a few certificates is a few KiB). */
const maxCertificateMessage = 60_000;

/** The DER certificates of a TLS ≤ 1.2 Certificate message body, leaf first. */
function parseCertificates(body: Buffer): Buffer[] | undefined {
  try {
    const reader = new Reader(body);
    const list = new Reader(reader.bytes(reader.bytes(3).readUIntBE(0, 3)));
    const certificates: Buffer[] = [];
    while (list.remaining > 0 && certificates.length < 10) {
      certificates.push(Buffer.from(list.bytes(list.bytes(3).readUIntBE(0, 3))));
    }
    return certificates;
  } catch (error) {
    if (error instanceof Truncated) return undefined;
    throw error;
  }
}

/**
 * The server's answer from the bytes received so far, or undefined while more are needed. A
 * ServerHello may arrive split over several handshake records, and shares its record with the
 * messages after it. With `certificates`, a TLS ≤ 1.2 ServerHello is only complete with the
 * Certificate message that follows it in clear (none when the next message is another one).
 */
export function parseServerResponse(
  data: Buffer,
  options: { certificates?: boolean } = {},
): (ServerResponse & { certificates?: Buffer[] }) | undefined {
  const handshake: Buffer[] = [];
  let hello: ServerResponse | undefined;
  let offset = 0;
  for (let records = 0; offset + 5 <= data.length; records++) {
    // Real servers need a handful; thousands of tiny records would make every re-parse expensive.
    if (records === maxRecords)
      return hello ? { ...hello, certificates: [] } : { kind: 'unexpected', reason: 'too many records' };
    const type = data[offset] ?? 0;
    if (type & 0x80) return { kind: 'unexpected', reason: 'SSLv2 record' };
    const length = data.readUInt16BE(offset + 3);
    if (length === 0 || length > maxRecord) {
      return hello
        ? { ...hello, certificates: [] }
        : { kind: 'unexpected', reason: `record of ${length} bytes` };
    }
    if (offset + 5 + length > data.length) return undefined;
    const fragment = data.subarray(offset + 5, offset + 5 + length);
    offset += 5 + length;
    if (hello && type !== 22) return { ...hello, certificates: [] };
    if (type === 21) {
      if (length < 2) return { kind: 'unexpected', reason: 'short alert' };
      return { kind: 'alert', level: fragment[0] ?? 0, description: fragment[1] ?? 0 };
    }
    if (type !== 22) return { kind: 'unexpected', reason: `record type ${type} before ServerHello` };
    handshake.push(fragment);
    const messages = Buffer.concat(handshake);
    if (messages.length < 4) continue;
    if (!hello) {
      if (messages[0] !== 2) {
        return { kind: 'unexpected', reason: `handshake message ${messages[0] ?? 0} before ServerHello` };
      }
      const bodyLength = messages.readUIntBE(1, 3);
      if (bodyLength > maxServerHello)
        return { kind: 'unexpected', reason: `ServerHello of ${bodyLength} bytes` };
      if (messages.length < 4 + bodyLength) continue;
      hello = parseServerHello(messages.subarray(4, 4 + bodyLength));
      // TLS 1.3 encrypts the certificate; a retry request has none yet.
      if (!options.certificates || hello.kind !== 'hello' || hello.version > 0x0303 || hello.helloRetry) {
        return hello;
      }
      handshake.splice(0, handshake.length, messages.subarray(4 + bodyLength));
    }
    const rest = Buffer.concat(handshake);
    if (rest.length < 4) continue;
    if (rest[0] !== 11) return { ...hello, certificates: [] };
    const bodyLength = rest.readUIntBE(1, 3);
    if (bodyLength > maxCertificateMessage) return { ...hello, certificates: [] };
    if (rest.length < 4 + bodyLength) continue;
    return { ...hello, certificates: parseCertificates(rest.subarray(4, 4 + bodyLength)) ?? [] };
  }
  return undefined;
}
