import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.ts';

const oids = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

export interface CertificateRequest {
  /** The subject's common name; the organization is always "Vigil". */
  commonName: string;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** Who signs: the CA, or for the CA's own certificate the subject itself. */
  issuer: { commonName: string; privateKey: KeyObject; publicKey: KeyObject };
  /** A CA certificate (may sign server certificates, path length 0) or a TLS server certificate. */
  ca: boolean;
  /** DNS names and IP addresses (server certificates only). */
  altNames?: string[];
}

function name(commonName: string): Buffer {
  return sequence(
    set(sequence(oid(oids.organization), utf8String('Vigil'))),
    set(sequence(oid(oids.commonName), utf8String(commonName))),
  );
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest().subarray(0, 20);
}

/** An IPv4 or IPv6 address as the 4 or 16 bytes an iPAddress name holds. */
export function ipBytes(address: string): Buffer {
  const version = isIP(address);
  if (version === 4) return Buffer.from(address.split('.').map(Number));
  if (version !== 6) throw new Error(`not an IP address: ${address}`);
  let text = address.split('%')[0] ?? '';
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  const bytes = Buffer.alloc(16);
  [...left, ...fill, ...right].forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  return bytes;
}

function altName(entry: string): Buffer {
  if (isIP(entry)) return implicitPrimitive(7, ipBytes(entry));
  return implicitPrimitive(2, Buffer.from(entry.toLowerCase(), 'ascii'));
}

/** A DER X.509 v3 certificate signed with ECDSA P-256 / SHA-256 by the issuer's key (or its own). */
export function createCertificate(request: CertificateRequest): Buffer {
  const { ca: isCa, issuer, publicKey } = request;
  // Positive, 16 bytes, first byte non-zero: unique and minimally encoded (RFC 5280 §4.1.2.2).
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const algorithm = sequence(oid(oids.ecdsaWithSha256));
  const extensions: Buffer[] = [
    extension(oids.basicConstraints, true, isCa ? sequence(boolean(true), smallInteger(0)) : sequence()),
    // digitalSignature (bit 0), plus keyCertSign (5) and cRLSign (6) for the CA.
    extension(
      oids.keyUsage,
      true,
      isCa ? bitString(Buffer.from([0x86]), 1) : bitString(Buffer.from([0x80]), 7),
    ),
    extension(oids.subjectKeyIdentifier, false, octetString(keyIdentifier(publicKey))),
    extension(
      oids.authorityKeyIdentifier,
      false,
      sequence(implicitPrimitive(0, keyIdentifier(issuer.publicKey))),
    ),
  ];
  if (!isCa) {
    extensions.push(extension(oids.extKeyUsage, false, sequence(oid(oids.serverAuth))));
    const altNames = request.altNames ?? [];
    if (altNames.length > 0)
      extensions.push(extension(oids.subjectAltName, false, sequence(...altNames.map(altName))));
  }
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    algorithm,
    name(issuer.commonName),
    sequence(time(request.notBefore), time(request.notAfter)),
    name(request.commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, issuer.privateKey);
  return sequence(tbs, algorithm, bitString(signature));
}
