import {
  randomBytes,
  generateKeyPairSync,
  createPrivateKey,
  createPublicKey,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createCertificate } from './certificate.ts';
import { certificateFingerprint } from './fingerprint.ts';

const dayMs = 24 * 60 * 60 * 1000;
export const caValidityDays = 3650;
export const serverValidityDays = 397;
/** A server certificate this close to its end is replaced at start. */
export const renewWithinDays = 30;

export interface PkiFiles {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
}

export function pkiFiles(dir: string): PkiFiles {
  return {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
  };
}

export interface ServerPki {
  files: PkiFiles;
  caCertPem: string;
  /** SHA-256 of the CA certificate's DER, lowercase hex: what enrollment tokens carry. */
  caFingerprint: string;
  certPem: string;
  keyPem: string;
  serverNotAfter: Date;
  /** What this start did: made the CA, replaced the server certificate, or only loaded both. */
  created: { ca: boolean; server: boolean };
}

export interface PkiOptions {
  /** Directory for ca.crt, ca.key, server.crt and server.key (made with mode 0700). */
  dir: string;
  /** DNS names and addresses the server certificate must cover. */
  hostnames: string[];
  now: Date;
}

function writePrivate(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

function writePublic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o644 });
  renameSync(temporary, path);
}

function newKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

const pem = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;

const keyPem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The canonical form an entry takes in the certificate, so configured names compare with what is there. */
function canonical(entry: string): string {
  const trimmed = entry.trim().replace(/^\[(.*)\]$/, '$1');
  if (isIP(trimmed) === 6) return new URL(`http://[${trimmed}]`).hostname.slice(1, -1);
  return trimmed.toLowerCase();
}

/** The names a certificate covers, from Node's rendering (`DNS:a, IP Address:1.2.3.4`). */
function coveredNames(cert: X509Certificate): Set<string> {
  const names = new Set<string>();
  for (const part of (cert.subjectAltName ?? '').split(', ')) {
    const match = /^(?:DNS|IP Address):(.*)$/.exec(part);
    if (match?.[1]) names.add(canonical(match[1]));
  }
  return names;
}

function loadOrCreateCa(
  files: PkiFiles,
  now: Date,
): { cert: X509Certificate; key: KeyObject; created: boolean } {
  const haveCert = existsSync(files.caCert);
  const haveKey = existsSync(files.caKey);
  if (haveCert !== haveKey) {
    throw new Error(
      `${haveCert ? files.caKey : files.caCert} is missing but ${haveCert ? files.caCert : files.caKey} exists; ` +
        'restore it from a backup (a new CA would cut off every enrolled agent) or remove both to start over',
    );
  }
  if (haveCert) {
    const cert = new X509Certificate(readFileSync(files.caCert));
    const key = createPrivateKey(readFileSync(files.caKey));
    if (!cert.checkPrivateKey(key)) throw new Error(`${files.caKey} does not belong to ${files.caCert}`);
    if (Date.parse(cert.validTo) <= now.getTime()) {
      throw new Error(
        `the Vigil CA in ${files.caCert} expired on ${cert.validTo}; agents pinned to it must be re-enrolled`,
      );
    }
    return { cert, key, created: false };
  }
  const { privateKey, publicKey } = newKey();
  // A random suffix tells two installations' CAs apart in a browser's or OpenSSL's messages.
  const commonName = `Vigil CA ${randomBytes(4).toString('hex')}`;
  const der = createCertificate({
    commonName,
    publicKey,
    notBefore: new Date(now.getTime() - 60 * 60 * 1000),
    notAfter: new Date(now.getTime() + caValidityDays * dayMs),
    issuer: { commonName, privateKey, publicKey },
    ca: true,
  });
  // The key first, refusing to replace one: two first starts at once must not make two CAs silently.
  writeFileSync(files.caKey, keyPem(privateKey), { mode: 0o600, flag: 'wx' });
  writePublic(files.caCert, pem(der));
  return { cert: new X509Certificate(der), key: privateKey, created: true };
}

function commonNameOf(cert: X509Certificate): string {
  const line = cert.subject.split('\n').find((part) => part.startsWith('CN='));
  if (!line) throw new Error('the Vigil CA certificate has no common name');
  return line.slice(3);
}

function serverCertificateUsable(
  files: PkiFiles,
  ca: X509Certificate,
  wanted: string[],
  now: Date,
): { cert: X509Certificate; keyPem: string } | undefined {
  if (!existsSync(files.serverCert) || !existsSync(files.serverKey)) return undefined;
  try {
    const cert = new X509Certificate(readFileSync(files.serverCert));
    const key = readFileSync(files.serverKey, 'utf8');
    if (!cert.checkPrivateKey(createPrivateKey(key))) return undefined;
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return undefined;
    if (Date.parse(cert.validTo) - now.getTime() <= renewWithinDays * dayMs) return undefined;
    const covered = coveredNames(cert);
    if (!wanted.every((name) => covered.has(name))) return undefined;
    return { cert, keyPem: key };
  } catch {
    return undefined;
  }
}

/**
 * Loads the server's own CA and TLS certificate from `dir`, making what is
 * missing: the CA (10 years) once, and the server certificate (about a year)
 * whenever it is absent, not from this CA, within 30 days of its end, or does
 * not cover every wanted name.
 */
export function loadOrCreateServerPki(options: PkiOptions): ServerPki {
  const files = pkiFiles(options.dir);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const ca = loadOrCreateCa(files, options.now);
  const wanted = [...new Set(options.hostnames.map(canonical).filter((name) => name.length > 0))];
  let created = false;
  let usable = serverCertificateUsable(files, ca.cert, wanted, options.now);
  if (!usable) {
    const { privateKey, publicKey } = newKey();
    const notAfter = Math.min(
      options.now.getTime() + serverValidityDays * dayMs,
      Date.parse(ca.cert.validTo),
    );
    const der = createCertificate({
      commonName: wanted.find((name) => !isIP(name)) ?? 'localhost',
      publicKey,
      notBefore: new Date(options.now.getTime() - 60 * 60 * 1000),
      notAfter: new Date(notAfter),
      issuer: { commonName: commonNameOf(ca.cert), privateKey: ca.key, publicKey: createPublicKey(ca.key) },
      ca: false,
      altNames: wanted,
    });
    const keyText = keyPem(privateKey);
    writePrivate(files.serverKey, keyText);
    writePublic(files.serverCert, pem(der));
    usable = { cert: new X509Certificate(der), keyPem: keyText };
    created = true;
  }
  return {
    files,
    caCertPem: ca.cert.toString(),
    caFingerprint: certificateFingerprint(ca.cert),
    certPem: usable.cert.toString(),
    keyPem: usable.keyPem,
    serverNotAfter: new Date(usable.cert.validTo),
    created: { ca: ca.created, server: created },
  };
}

/** `<dataDir>/pki`: where the server keeps its own CA and certificate. */
export function pkiDir(dataDir: string): string {
  return join(dataDir, 'pki');
}

/**
 * The fingerprint of the server's own CA, for commands that run beside the
 * server (`vigil agents token create`); null when it serves plain HTTP or
 * with a certificate you provided.
 */
export function ownCaFingerprint(config: {
  dataDir: string;
  server: { tls?: object | undefined };
}): string | null {
  if (!config.server.tls || !('auto' in config.server.tls)) return null;
  const { caCert } = pkiFiles(pkiDir(config.dataDir));
  if (!existsSync(caCert)) {
    throw new Error(`${caCert} does not exist yet: start the server once (vigil serve) so it creates its CA`);
  }
  return certificateFingerprint(readFileSync(caCert));
}
