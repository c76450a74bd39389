import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { auditTls } from '../../../src/modules/nettls/audit-tls.ts';
import type { TlsReport } from '../../../src/protocol/net-tls.ts';
import {
  generateCert,
  legacyGnutlsPriority,
  serviceDir,
  startGnutlsServ,
  writeChain,
} from '../../helpers/net-services.ts';
import { createAgentNamespace, type AgentNamespace } from '../../helpers/netns.ts';
import { needs } from '../../helpers/requirements.ts';

/*
 * A second, independent TLS implementation: GnuTLS still has RC4 and 3DES, which Debian's OpenSSL 3
 * has compiled out. gnutls-serv cannot be told an address and listens on every interface, so it runs
 * in its own network namespace, reached over a veth pair (netns octet 131 is this file's).
 */

const priority = legacyGnutlsPriority;

/** gnutls-serv on `port` inside `namespace`, killed when the test ends. */
async function startGnutls(
  t: TestContext,
  namespace: AgentNamespace,
  port: number,
  cert: { certPath: string; keyPath: string },
  priority: string,
): Promise<void> {
  const server = await startGnutlsServ(namespace, { port, cert, priority });
  t.after(server.stop);
}

const requirements = {
  ...needs('gnutls-serv', 'a TLS server with RC4 and 3DES'),
  ...needs('ip', 'a network namespace'),
};

test('gnutls-serv with RC4 and 3DES over TLS 1.0/1.1, in its own order', requirements, async (t) => {
  const dir = serviceDir('nettls-gnutls');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cert = await generateCert(dir, { altNames: ['localhost'] });
  const namespace = createAgentNamespace('tls', 131);
  t.after(() => namespace.destroy());
  await startGnutls(t, namespace, 4433, cert, priority);

  const { report, findings } = await auditTls({
    address: namespace.hostAddress,
    port: 4433,
    serverName: 'localhost',
  });
  assert.deepEqual(
    report.protocols.filter((p) => p.supported).map((p) => p.protocol),
    ['TLSv1.0', 'TLSv1.1'],
  );
  const order = [
    'TLS_RSA_WITH_RC4_128_SHA',
    'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
    'TLS_RSA_WITH_AES_128_CBC_SHA',
    'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
    'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
    'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  ];
  assert.deepEqual(
    report.ciphers.map((entry) => [entry.protocol, entry.serverPreference, entry.suites.map((s) => s.name)]),
    [
      ['TLSv1.0', true, order],
      ['TLSv1.1', true, order],
    ],
  );
  assert.deepEqual(findings.map((f) => f.check).sort(), [
    'tls.cbc-only',
    'tls.cert-self-signed',
    'tls.cipher-3des',
    'tls.cipher-rc4',
    'tls.no-forward-secrecy',
    'tls.no-tls1.2',
    'tls.protocol-tls1.0',
    'tls.protocol-tls1.1',
  ]);
  assert.equal(
    findings.find((f) => f.check === 'tls.cipher-rc4')?.evidence,
    'Accepted with TLSv1.0, TLSv1.1: TLS_RSA_WITH_RC4_128_SHA, TLS_ECDHE_RSA_WITH_RC4_128_SHA.',
  );
  assert.equal(report.chain[0]?.subject, 'CN=localhost');
  assert.equal(report.chainSource, 'tls');
});

test(
  'RC4 and 3DES only: Node cannot connect, the chain is read from the hand-built handshake and verified',
  requirements,
  async (t) => {
    const dir = serviceDir('nettls-gnutls');
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const ca = await generateCert(dir, { commonName: 'Vigil Test CA', ca: true });
    const leaf = await generateCert(dir, {
      altNames: ['legacy.test'],
      commonName: 'legacy.test',
      issuer: ca,
    });
    const chainPath = join(dir, 'chain.pem');
    writeChain(chainPath, leaf, ca);
    const namespace = createAgentNamespace('tls', 131);
    t.after(() => namespace.destroy());
    await startGnutls(
      t,
      namespace,
      4434,
      { certPath: chainPath, keyPath: leaf.keyPath },
      priority.replace(':+AES-128-CBC', '').replace('+VERS-TLS1.1', '+VERS-TLS1.1:+VERS-TLS1.2'),
    );
    const endpoint = { address: namespace.hostAddress, port: 4434, serverName: 'legacy.test' };

    const { report, findings } = await auditTls(endpoint, { trusted: [ca.certPem] });
    assert.deepEqual(suitesOf(report)['TLSv1.2'], [
      'TLS_RSA_WITH_RC4_128_SHA',
      'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
      'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
      'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
    ]);
    assert.equal(report.chainSource, 'hello');
    assert.deepEqual(
      report.chain.map((cert) => [cert.subject, cert.issuer]),
      [
        ['CN=legacy.test', 'CN=Vigil Test CA'],
        ['CN=Vigil Test CA', 'CN=Vigil Test CA'],
      ],
    );
    assert.equal(report.trusted, true);
    assert.equal(report.hostnameMatches, true);
    assert.deepEqual(findings.map((f) => f.check).sort(), [
      'tls.cbc-only',
      'tls.cipher-3des',
      'tls.cipher-rc4',
      'tls.no-forward-secrecy',
      'tls.protocol-tls1.0',
      'tls.protocol-tls1.1',
    ]);

    // Without the test CA among the trusted, the chain ends in an unknown self-signed root.
    const untrusted = await auditTls(endpoint, { trusted: [] });
    assert.equal(untrusted.report.trusted, false);
    assert.equal(untrusted.report.trustError, 'SELF_SIGNED_CERT_IN_CHAIN');
    assert.ok(untrusted.findings.some((f) => f.check === 'tls.cert-untrusted'));
  },
);

function suitesOf(report: TlsReport): Record<string, string[]> {
  return Object.fromEntries(report.ciphers.map((entry) => [entry.protocol, entry.suites.map((s) => s.name)]));
}
