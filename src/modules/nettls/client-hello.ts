import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { TlsProtocol } from '../../protocol/net-tls.ts';

/*
 * ClientHello records built byte by byte, so SSLv3, TLS 1.0 and 1.1 can be offered although Node's
 * OpenSSL refuses to. Only the ServerHello is ever read back, so the TLS 1.3 key share is 32 random
 * bytes: every 32-byte string is a valid X25519 public key.
 */

export const protocolVersions: Record<TlsProtocol, number> = {
  SSLv3: 0x0300,
  'TLSv1.0': 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
  'TLSv1.3': 0x0304,
};

export const extensionTypes = {
  serverName: 0x0000,
  supportedGroups: 0x000a,
  ecPointFormats: 0x000b,
  signatureAlgorithms: 0x000d,
  padding: 0x0015,
  supportedVersions: 0x002b,
  pskKeyExchangeModes: 0x002d,
  keyShare: 0x0033,
  renegotiationInfo: 0xff01,
} as const;

const emptyRenegotiationInfoScsv = 0x00ff;
const x25519 = 0x001d;

// x25519, x448, the NIST curves, the older secp/brainpool curves legacy servers may insist on, and FFDHE.
const groups = [
  x25519,
  0x001e,
  0x0017,
  0x0018,
  0x0019,
  0x0016,
  0x0015,
  0x0014,
  0x0013,
  0x0012,
  0x001a,
  0x001b,
  0x001c,
  0x0100,
  0x0101,
  0x0102,
  0x0103,
  0x0104,
];

// Every hash with RSA, ECDSA and DSA including SHA-1 and MD5 for old servers, then PSS and EdDSA.
const signatureAlgorithms = [
  0x0401, 0x0501, 0x0601, 0x0301, 0x0201, 0x0101, 0x0403, 0x0503, 0x0603, 0x0303, 0x0203, 0x0402, 0x0502,
  0x0602, 0x0302, 0x0202, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0807, 0x0808,
];

export interface ClientHelloOptions {
  protocol: TlsProtocol;
  /** Suites in the order of preference to offer. */
  cipherCodes: readonly number[];
  /** Sent as SNI when it is a host name. */
  serverName?: string | undefined;
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function u16List(values: readonly number[]): Buffer {
  return Buffer.concat(values.map(u16));
}

/** `length(2) ‖ body`, the framing of most TLS vectors. */
function vector16(body: Buffer): Buffer {
  return Buffer.concat([u16(body.length), body]);
}

function vector8(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([body.length]), body]);
}

function extension(type: number, body: Buffer): Buffer {
  return Buffer.concat([u16(type), vector16(body)]);
}

function extensionsFor(options: ClientHelloOptions): Buffer[] {
  const { protocol, serverName } = options;
  if (protocol === 'SSLv3') return [];
  const list: Buffer[] = [];
  const name = serverName && isIP(serverName) === 0 ? Buffer.from(serverName, 'ascii') : undefined;
  if (name && name.length > 0 && name.length <= 255) {
    list.push(
      extension(extensionTypes.serverName, vector16(Buffer.concat([Buffer.from([0]), vector16(name)]))),
    );
  }
  list.push(extension(extensionTypes.supportedGroups, vector16(u16List(groups))));
  list.push(extension(extensionTypes.ecPointFormats, vector8(Buffer.from([0]))));
  if (protocol === 'TLSv1.2' || protocol === 'TLSv1.3') {
    list.push(extension(extensionTypes.signatureAlgorithms, vector16(u16List(signatureAlgorithms))));
  }
  if (protocol === 'TLSv1.3') {
    list.push(extension(extensionTypes.supportedVersions, vector8(u16(protocolVersions['TLSv1.3']))));
    const share = Buffer.concat([u16(x25519), vector16(randomBytes(32))]);
    list.push(extension(extensionTypes.keyShare, vector16(share)));
    // psk_dhe_ke: required alongside key_share by some servers although no PSK is offered.
    list.push(extension(extensionTypes.pskKeyExchangeModes, vector8(Buffer.from([1]))));
  }
  list.push(extension(extensionTypes.renegotiationInfo, vector8(Buffer.alloc(0))));
  return list;
}

/** One TLS record holding one ClientHello that offers exactly `options.protocol`. */
export function buildClientHello(options: ClientHelloOptions): Buffer {
  const { protocol } = options;
  const tls13 = protocol === 'TLSv1.3';
  // TLS 1.3 says 1.2 in client_version and names itself in supported_versions.
  const clientVersion = tls13 ? protocolVersions['TLSv1.2'] : protocolVersions[protocol];
  // SSLv3 servers may choke on extensions; the SCSV carries the renegotiation signal instead.
  const ciphers =
    protocol === 'SSLv3' ? [...options.cipherCodes, emptyRenegotiationInfoScsv] : options.cipherCodes;
  const extensions = extensionsFor(options);
  const head = Buffer.concat([
    u16(clientVersion),
    randomBytes(32),
    // TLS 1.3 middlebox compatibility mode wants a session id.
    vector8(tls13 ? randomBytes(32) : Buffer.alloc(0)),
    vector16(u16List(ciphers)),
    vector8(Buffer.from([0])),
  ]);
  // RFC 7685: some F5 load balancers hang on hellos of 256 to 511 bytes, so those are padded to 512.
  const unpadded = 4 + head.length + 2 + extensions.reduce((sum, ext) => sum + ext.length, 0);
  if (extensions.length > 0 && unpadded >= 256 && unpadded < 512) {
    extensions.push(extension(extensionTypes.padding, Buffer.alloc(Math.max(0, 512 - unpadded - 4))));
  }
  const body = Buffer.concat([head, ...(extensions.length > 0 ? [vector16(Buffer.concat(extensions))] : [])]);
  const handshake = Buffer.concat([
    Buffer.from([1, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]),
    body,
  ]);
  // Servers that only know TLS 1.0 reject higher record versions; SSLv3 must say SSLv3.
  const recordVersion = protocol === 'SSLv3' ? protocolVersions.SSLv3 : protocolVersions['TLSv1.0'];
  return Buffer.concat([Buffer.from([22]), u16(recordVersion), vector16(handshake)]);
}
