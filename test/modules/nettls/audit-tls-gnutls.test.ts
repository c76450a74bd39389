import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { auditTls } from '../../../src/modules/nettls/audit-tls.ts';
import { accepts, generateCert, serviceDir } from '../../helpers/net-services.ts';
import { createAgentNamespace } from '../../helpers/netns.ts';
import { needs } from '../../helpers/requirements.ts';

/*
 * A second, independent TLS implementation: GnuTLS still has RC4 and 3DES, which Debian's OpenSSL 3
 * has compiled out. gnutls-serv cannot be told an address and listens on every interface, so it runs
 * in its own network namespace, reached over a veth pair (netns octet 131 is this file's).
 */

const priority = [
  'NONE',
  '+VERS-TLS1.0',
  '+VERS-TLS1.1',
  '+ARCFOUR-128',
  '+3DES-CBC',
  '+AES-128-CBC',
  '+SHA1',
  '+RSA',
  '+ECDHE-RSA',
  '+CTYPE-X509',
  '+COMP-NULL',
  '+SIGN-ALL',
  '+GROUP-ALL',
  '%SERVER_PRECEDENCE',
].join(':');

test(
  'gnutls-serv with RC4 and 3DES over TLS 1.0/1.1, in its own order',
  { ...needs('gnutls-serv', 'a TLS server with RC4 and 3DES'), ...needs('ip', 'a network namespace') },
  async (t) => {
    const dir = serviceDir('nettls-gnutls');
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const cert = await generateCert(dir, { altNames: ['localhost'] });
    const namespace = createAgentNamespace('tls', 131);
    t.after(() => namespace.destroy());
    const port = 4433;
    const server = spawn(
      'ip',
      [
        'netns',
        'exec',
        namespace.name,
        'gnutls-serv',
        '--port',
        String(port),
        '--x509certfile',
        cert.certPath,
        '--x509keyfile',
        cert.keyPath,
        '--priority',
        priority,
        '--disable-client-cert',
        '--echo',
        '--quiet',
      ],
      { stdio: 'ignore' },
    );
    t.after(() => {
      server.kill('SIGKILL');
    });
    const deadline = Date.now() + 15_000;
    while (!(await accepts(port, namespace.hostAddress))) {
      assert.ok(Date.now() < deadline, 'gnutls-serv did not listen');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const { report, findings } = await auditTls({
      address: namespace.hostAddress,
      port,
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
      report.ciphers.map((entry) => [
        entry.protocol,
        entry.serverPreference,
        entry.suites.map((s) => s.name),
      ]),
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
  },
);
