import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { ipBytes } from '../../../src/modules/pki/certificate.ts';
import { certificateFingerprint, normalizeFingerprint } from '../../../src/modules/pki/fingerprint.ts';
import {
  caValidityDays,
  loadOrCreateServerPki,
  ownCaFingerprint,
  pkiFiles,
} from '../../../src/modules/pki/server-pki.ts';

const dayMs = 24 * 60 * 60 * 1000;
const start = new Date('2026-03-01T12:00:00Z');
let dir: string;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'vigil-pki-')), 'pki');
});
afterEach(() => {
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

const make = (now = start, hostnames = ['vigil.example.com', '10.1.2.3', '127.0.0.1', '::1', 'localhost']) =>
  loadOrCreateServerPki({ dir, hostnames, now });

test('the first start makes a CA and a server certificate it signed, with every name', () => {
  const pki = make();
  assert.deepEqual(pki.created, { ca: true, server: true });
  const ca = new X509Certificate(pki.caCertPem);
  const cert = new X509Certificate(pki.certPem);
  assert.ok(ca.ca, 'the CA certificate is a CA');
  assert.ok(!cert.ca, 'the server certificate is not');
  assert.ok(cert.checkIssued(ca));
  assert.ok(cert.verify(ca.publicKey));
  assert.ok(ca.verify(ca.publicKey), 'the CA is self-signed');
  assert.equal(cert.checkHost('vigil.example.com'), 'vigil.example.com');
  assert.equal(cert.checkHost('localhost'), 'localhost');
  assert.equal(cert.checkIP('10.1.2.3'), '10.1.2.3');
  assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(cert.checkIP('::1'), '::1');
  assert.equal(cert.checkHost('evil.example.com'), undefined);
  assert.equal(pki.caFingerprint, certificateFingerprint(readFileSync(pkiFiles(dir).caCert)));
  assert.match(pki.caFingerprint, /^[0-9a-f]{64}$/);
  assert.equal(
    pki.caFingerprint,
    normalizeFingerprint(ca.fingerprint256),
    'the same as OpenSSL’s SHA-256 fingerprint',
  );
  const caYears = (Date.parse(ca.validTo) - start.getTime()) / dayMs;
  assert.ok(caYears >= caValidityDays - 1 && caYears <= caValidityDays + 1, `CA valid ${caYears} days`);
  const serverDays = (Date.parse(cert.validTo) - start.getTime()) / dayMs;
  assert.ok(serverDays > 360 && serverDays < 400, `server certificate valid ${serverDays} days`);
  assert.ok(Date.parse(cert.validFrom) <= start.getTime());
});

test('keys are mode 0600, the directory 0700', () => {
  const pki = make();
  assert.equal(statSync(pki.files.caKey).mode & 0o777, 0o600);
  assert.equal(statSync(pki.files.serverKey).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
});

test('a restart reuses the CA and the server certificate', () => {
  const first = make();
  const second = make(new Date(start.getTime() + 10 * dayMs));
  assert.deepEqual(second.created, { ca: false, server: false });
  assert.equal(second.caFingerprint, first.caFingerprint);
  assert.equal(second.certPem, first.certPem);
  assert.equal(second.keyPem, first.keyPem);
});

test('the server certificate is renewed within 30 days of its end, under the same CA', () => {
  const first = make();
  const end = Date.parse(new X509Certificate(first.certPem).validTo);
  const early = make(new Date(end - 31 * dayMs));
  assert.equal(early.created.server, false, 'not yet at 31 days');
  const late = make(new Date(end - 29 * dayMs));
  assert.deepEqual(late.created, { ca: false, server: true });
  assert.equal(late.caFingerprint, first.caFingerprint, 'agents keep their pin');
  const renewed = new X509Certificate(late.certPem);
  assert.ok(Date.parse(renewed.validTo) > end);
  assert.ok(renewed.verify(new X509Certificate(first.caCertPem).publicKey));
  assert.equal(statSync(late.files.serverKey).mode & 0o777, 0o600);
});

test('a new name makes a new server certificate; a damaged one is replaced', () => {
  const first = make();
  const more = make(start, ['vigil.example.com', 'vigil.internal']);
  assert.equal(more.created.server, true);
  assert.equal(new X509Certificate(more.certPem).checkHost('vigil.internal'), 'vigil.internal');
  writeFileSync(first.files.serverCert, 'garbage');
  const repaired = make(start, ['vigil.example.com', 'vigil.internal']);
  assert.equal(repaired.created.server, true);
  assert.equal(repaired.caFingerprint, first.caFingerprint);
});

test('a lost CA key is an error, never a silent new CA', () => {
  const pki = make();
  rmSync(pki.files.caKey);
  assert.throws(() => make(), /ca\.key is missing/);
});

test('an expired CA is an error', () => {
  make();
  assert.throws(() => make(new Date(start.getTime() + (caValidityDays + 2) * dayMs)), /expired/);
});

test('ownCaFingerprint reads the CA only in auto mode', () => {
  const dataDir = join(dir, '..');
  assert.equal(ownCaFingerprint({ dataDir, server: {} }), null);
  assert.equal(ownCaFingerprint({ dataDir, server: { tls: { certFile: 'a', keyFile: 'b' } } }), null);
  assert.throws(
    () => ownCaFingerprint({ dataDir, server: { tls: { auto: true } } }),
    /start the server once/,
  );
  const pki = make();
  assert.equal(ownCaFingerprint({ dataDir, server: { tls: { auto: true } } }), pki.caFingerprint);
});

test('IPv6 addresses are encoded in full', () => {
  assert.equal(ipBytes('::1').toString('hex'), '00000000000000000000000000000001');
  assert.equal(ipBytes('2001:db8::1:0:5').toString('hex'), '20010db8000000000000000100000005');
  assert.equal(ipBytes('::ffff:10.0.0.1').toString('hex'), '00000000000000000000ffff0a000001');
  assert.equal(ipBytes('fe80::').toString('hex'), 'fe800000000000000000000000000000');
  assert.equal(ipBytes('192.168.1.2').toString('hex'), 'c0a80102');
});
