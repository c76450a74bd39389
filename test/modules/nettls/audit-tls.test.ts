import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { createServer as createTlsServer, TLSSocket } from 'node:tls';
import { auditTls } from '../../../src/modules/nettls/audit-tls.ts';
import { NetTlsError } from '../../../src/modules/nettls/nettls-error.ts';
import { sendClientHello } from '../../../src/modules/nettls/send-client-hello.ts';
import type { TlsReport } from '../../../src/protocol/net-tls.ts';
import {
  generateCert,
  localhost,
  machinePostgres,
  serviceDir,
  startNginx,
  startSServer,
  type GeneratedCert,
  type LocalService,
} from '../../helpers/net-services.ts';
import { needs } from '../../helpers/requirements.ts';

/*
 * Real servers: a legacy openssl s_server, a strong nginx, s_servers with bad certificates, and
 * STARTTLS. Debian 12's OpenSSL 3.0 has SSLv3, RC4, DES, 3DES and EXPORT compiled out, so the legacy
 * server shows what it still can: TLS 1.0/1.1, NULL, anonymous DH, static RSA and CBC. The
 * hand-built hellos for SSLv3 and those suites are covered byte for byte in client-hello.test.ts.
 */

const day = 86_400_000;
const stops: (() => Promise<void>)[] = [];
let dir = '';
let ca: GeneratedCert;

before(async () => {
  dir = serviceDir('nettls-test');
  ca = await generateCert(dir, { commonName: 'Vigil Test CA', ca: true });
});

after(async () => {
  for (const stop of stops.reverse()) await stop();
});

async function started<T extends LocalService>(service: Promise<T>): Promise<T> {
  const running = await service;
  stops.push(() => running.stop());
  return running;
}

function suitesOf(report: TlsReport): Record<string, string[]> {
  return Object.fromEntries(report.ciphers.map((entry) => [entry.protocol, entry.suites.map((s) => s.name)]));
}

function supported(report: TlsReport): string[] {
  return report.protocols.filter((p) => p.supported).map((p) => p.protocol);
}

test(
  'legacy s_server: TLS 1.0 and 1.1 with NULL, anonymous and static-RSA CBC suites',
  needs('openssl', 's_server'),
  async () => {
    const server = await started(
      startSServer({
        args: ['-no_tls1_2', '-no_tls1_3', '-cipher', 'AES128-SHA:NULL-SHA:ADH-AES256-SHA:@SECLEVEL=0'],
      }),
    );
    const { report, findings } = await auditTls({
      address: localhost,
      port: server.port,
      serverName: 'localhost',
    });
    assert.deepEqual(supported(report), ['TLSv1.0', 'TLSv1.1']);
    const legacy = [
      'TLS_RSA_WITH_NULL_SHA',
      'TLS_RSA_WITH_AES_128_CBC_SHA',
      'TLS_DH_anon_WITH_AES_256_CBC_SHA',
    ];
    assert.deepEqual(suitesOf(report), { 'TLSv1.0': legacy, 'TLSv1.1': legacy });
    // s_server follows the client's order unless told -serverpref.
    assert.deepEqual(
      report.ciphers.map((entry) => entry.serverPreference),
      [false, false],
    );
    assert.deepEqual(findings.map((f) => f.check).sort(), [
      'tls.cbc-only',
      'tls.cert-self-signed',
      'tls.cipher-anon',
      'tls.cipher-null',
      'tls.no-forward-secrecy',
      'tls.no-tls1.2',
      'tls.protocol-tls1.0',
      'tls.protocol-tls1.1',
    ]);
    const nulls = findings.find((f) => f.check === 'tls.cipher-null');
    assert.equal(nulls?.severity, 'high');
    assert.equal(nulls.evidence, 'Accepted with TLSv1.0, TLSv1.1: TLS_RSA_WITH_NULL_SHA.');
    assert.equal(report.chain[0]?.subject, 'CN=localhost');
    assert.equal(report.hostnameMatches, true);
    // A TLS 1.2 hello is answered in TLS 1.1, which counts for 1.1 and not for 1.2.
    assert.deepEqual(
      await sendClientHello(
        { address: localhost, port: server.port },
        { protocol: 'TLSv1.2', cipherCodes: [0xc02f, 0x002f] },
        { timeoutMs: 5000 },
      ),
      { kind: 'hello', version: 0x0302, cipher: 0x002f, helloRetry: false },
    );
  },
);

test(
  'strong nginx: TLS 1.2 and 1.3, AEAD with ECDHE in its own order, trusted chain, no findings',
  needs('nginx', 'HTTPS server'),
  async () => {
    const leaf = await generateCert(dir, { altNames: ['localhost', localhost], issuer: ca });
    const server = await started(
      startNginx({
        http: false,
        https: { cert: leaf, chain: [ca] },
        // secp384r1 only: the x25519 key share of the TLS 1.3 probes gets a HelloRetryRequest.
        httpsConfig: [
          'ssl_protocols TLSv1.2 TLSv1.3;',
          'ssl_ciphers ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256;',
          'ssl_prefer_server_ciphers on;',
          'ssl_ecdh_curve secp384r1;',
        ].join('\n'),
      }),
    );
    const { report, findings } = await auditTls(
      { address: localhost, port: server.port, serverName: 'localhost' },
      { trusted: [ca.certPem] },
    );
    assert.deepEqual(supported(report), ['TLSv1.2', 'TLSv1.3']);
    assert.deepEqual(suitesOf(report), {
      'TLSv1.2': [
        'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      ],
      // OpenSSL's default TLS 1.3 order, imposed by ssl_prefer_server_ciphers.
      'TLSv1.3': ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256'],
    });
    assert.deepEqual(
      report.ciphers.map((entry) => entry.serverPreference),
      [true, true],
    );
    assert.equal(report.trusted, true);
    assert.equal(report.chainSource, 'tls');
    assert.equal(report.hostnameMatches, true);
    assert.deepEqual(
      report.chain.map((cert) => [cert.subject, cert.issuer, cert.selfSigned]),
      [
        ['CN=localhost', 'CN=Vigil Test CA', false],
        ['CN=Vigil Test CA', 'CN=Vigil Test CA', true],
      ],
    );
    assert.deepEqual(findings, []);
    // The TLS 1.3 suites above were each learned from a HelloRetryRequest.
    assert.deepEqual(
      await sendClientHello(
        { address: localhost, port: server.port, serverName: 'localhost' },
        { protocol: 'TLSv1.3', cipherCodes: [0x1301] },
        { timeoutMs: 5000 },
      ),
      { kind: 'hello', version: 0x0304, cipher: 0x1301, helloRetry: true },
    );
  },
);

const certCases: {
  name: string;
  cert: () => Promise<GeneratedCert>;
  serverName: string;
  checks: string[];
}[] = [
  {
    name: 'expired self-signed',
    cert: () =>
      generateCert(dir, {
        notBefore: new Date(Date.now() - 400 * day),
        notAfter: new Date(Date.now() - day),
      }),
    serverName: 'localhost',
    checks: ['tls.cert-expired', 'tls.cert-self-signed'],
  },
  {
    name: 'RSA-1024, SHA-1, another name',
    cert: () =>
      generateCert(dir, { commonName: 'other.example', key: 'rsa:1024', digest: 'sha1', issuer: ca }),
    serverName: 'localhost',
    checks: ['tls.cert-hostname-mismatch', 'tls.cert-sha1-signature', 'tls.cert-weak-key'],
  },
  {
    name: 'expiring in 10 days',
    cert: () => generateCert(dir, { days: 10, issuer: ca, key: 'ec:prime256v1' }),
    serverName: 'localhost',
    checks: ['tls.cert-expiring'],
  },
  {
    name: 'not yet valid',
    cert: () =>
      generateCert(dir, {
        issuer: ca,
        notBefore: new Date(Date.now() + 2 * day),
        notAfter: new Date(Date.now() + 300 * day),
      }),
    serverName: 'localhost',
    checks: ['tls.cert-not-yet-valid'],
  },
  {
    name: 'issued by an unknown CA',
    cert: async () => {
      const stranger = await generateCert(dir, { commonName: 'Stranger CA', ca: true });
      return generateCert(dir, { issuer: stranger });
    },
    serverName: 'localhost',
    checks: ['tls.cert-untrusted'],
  },
];

for (const certCase of certCases) {
  test(`certificate: ${certCase.name}`, needs('openssl', 's_server'), async () => {
    const cert = await certCase.cert();
    // Forward-secret AEAD suites only, so the certificate findings stand alone; SECLEVEL=0 lets the RSA-1024 key load.
    const server = await started(
      startSServer({
        cert,
        args: [
          '-no_tls1_3',
          '-cipher',
          'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0',
        ],
      }),
    );
    const { report, findings } = await auditTls(
      { address: localhost, port: server.port, serverName: certCase.serverName },
      { trusted: [ca.certPem] },
    );
    assert.deepEqual(supported(report), ['TLSv1.2']);
    assert.deepEqual(findings.map((f) => f.check).sort(), certCase.checks, `${report.trustError}`);
  });
}

test(
  'certificate details: key, signature algorithm, names and dates read exactly',
  needs('openssl', 's_server'),
  async () => {
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2036-01-01T00:00:00Z');
    const cert = await generateCert(dir, {
      commonName: 'db.example',
      altNames: ['db.example', 'IP:127.0.0.1'],
      key: 'ec:secp384r1',
      digest: 'sha384',
      issuer: ca,
      notBefore,
      notAfter,
    });
    const server = await started(startSServer({ cert }));
    const { report } = await auditTls(
      { address: localhost, port: server.port, serverName: '127.0.0.1' },
      { trusted: [ca.certPem] },
    );
    const [leaf] = report.chain;
    assert.deepEqual(
      {
        ...leaf,
        fingerprintSha256: leaf?.fingerprintSha256.length,
      },
      {
        subject: 'CN=db.example',
        issuer: 'CN=Vigil Test CA',
        subjectAltNames: ['DNS:db.example', 'IP Address:127.0.0.1'],
        notBefore: notBefore.toISOString(),
        notAfter: notAfter.toISOString(),
        keyType: 'ec',
        keyBits: 384,
        // The CA's RSA key signs with the digest asked for.
        signatureAlgorithm: 'sha384WithRSAEncryption',
        fingerprintSha256: 95,
        selfSigned: false,
      },
    );
    assert.equal(report.hostnameMatches, true);
    assert.equal(report.trusted, true);
  },
);

interface StarttlsScript {
  greeting: string;
  /** Replies to commands other than the upgrade, by upper-cased command word. */
  replies: Record<string, string>;
  upgrade: { command: string; reply: string };
}

const scripts: Record<'smtp' | 'imap' | 'pop3' | 'ftp', StarttlsScript> = {
  smtp: {
    greeting: '220-mail.test ESMTP\r\n220 ready\r\n',
    replies: { EHLO: '250-mail.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n' },
    upgrade: { command: 'STARTTLS', reply: '220 go ahead\r\n' },
  },
  imap: {
    greeting: '* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n',
    replies: {},
    upgrade: { command: 'A STARTTLS', reply: 'a OK Begin TLS negotiation now\r\n' },
  },
  pop3: {
    greeting: '+OK POP3 ready\r\n',
    replies: {},
    upgrade: { command: 'STLS', reply: '+OK Begin TLS\r\n' },
  },
  ftp: {
    greeting: '220-Welcome\r\n220 FTP ready\r\n',
    replies: {},
    upgrade: { command: 'AUTH TLS', reply: '234 AUTH TLS ok\r\n' },
  },
};

/**
 * openssl s_server has no STARTTLS server side, so this is a minimal cleartext server per protocol:
 * greeting, the commands before the upgrade, then the socket handed to node:tls as a real daemon does.
 */
async function startStarttls(
  script: StarttlsScript,
  cert: GeneratedCert,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const key = readFileSync(cert.keyPath);
  const certificate = readFileSync(cert.certPath);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.write(script.greeting);
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.length > 4096) socket.destroy();
      for (let end = text.indexOf('\r\n'); end >= 0; end = text.indexOf('\r\n')) {
        const line = text.slice(0, end).toUpperCase();
        text = text.slice(end + 2);
        if (line === script.upgrade.command) {
          socket.off('data', onData);
          socket.write(script.upgrade.reply);
          const tls = new TLSSocket(socket, {
            isServer: true,
            key,
            cert: certificate,
            ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256',
          });
          tls.on('error', () => socket.destroy());
          return;
        }
        socket.write(script.replies[line.split(' ')[0] ?? ''] ?? '502 no\r\n');
      }
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, localhost, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

for (const protocol of ['smtp', 'imap', 'pop3', 'ftp'] as const) {
  test(`STARTTLS ${protocol}: the handshake after the upgrade, on a fresh connection per probe`, async () => {
    const cert = await generateCert(dir, { commonName: 'mail.test', altNames: ['mail.test'], issuer: ca });
    const server = await startStarttls(scripts[protocol], cert);
    stops.push(server.stop);
    const { report, findings } = await auditTls(
      { address: localhost, port: server.port, serverName: 'mail.test', starttls: protocol },
      { trusted: [ca.certPem] },
    );
    assert.equal(report.starttls, protocol);
    assert.deepEqual(suitesOf(report), {
      'TLSv1.2': ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
      'TLSv1.3': ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'],
    });
    assert.equal(report.chain[0]?.subject, 'CN=mail.test');
    assert.equal(report.trusted, true);
    assert.equal(report.hostnameMatches, true);
    assert.deepEqual(findings, []);
  });
}

test('STARTTLS refused: the answer to the upgrade command is the error', async () => {
  const server = await startStarttls(
    { ...scripts.smtp, replies: { EHLO: '250 mail.test\r\n' }, upgrade: { command: 'NEVER', reply: '' } },
    ca,
  );
  stops.push(server.stop);
  await assert.rejects(
    auditTls({ address: localhost, port: server.port, starttls: 'smtp' }),
    (error: unknown) =>
      error instanceof NetTlsError &&
      error.code === 'starttls-failed' &&
      error.message === 'smtp: STARTTLS answered "502 no"',
  );
});

test('STARTTLS postgresql: the machine PostgreSQL answers the SSLRequest with N (ssl = off)', async () => {
  await assert.rejects(
    auditTls({ ...machinePostgres, starttls: 'postgresql' }, { timeoutMs: 3000 }),
    (error: unknown) =>
      error instanceof NetTlsError &&
      error.code === 'starttls-failed' &&
      error.message === 'postgresql: the server does not offer SSL',
  );
});

test('an endpoint that refuses connections throws connect-failed', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, localhost, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  await assert.rejects(auditTls({ address: localhost, port }), (error: unknown) => {
    return error instanceof NetTlsError && error.code === 'connect-failed';
  });
});

test('an aborted audit stops with aborted', needs('openssl', 's_server'), async () => {
  const server = await started(startSServer());
  await assert.rejects(
    auditTls({ address: localhost, port: server.port }, { signal: AbortSignal.abort() }),
    (error: unknown) => error instanceof NetTlsError && error.code === 'aborted',
  );
});

test('a server that accepts and never answers supports nothing, within the timeout', async () => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, localhost, resolve));
  stops.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const started = Date.now();
  const { report, findings } = await auditTls({ address: localhost, port }, { timeoutMs: 500 });
  assert.ok(Date.now() - started < 5000);
  assert.deepEqual(supported(report), []);
  assert.deepEqual(report.chain, []);
  assert.equal(report.trustError, 'handshake failed: no answer in time');
  assert.deepEqual(findings, []);
});

test('a plain HTTP server answers no hello', needs('nginx', 'HTTP server'), async () => {
  const server = await started(startNginx({ http: true }));
  const { report, findings } = await auditTls({ address: localhost, port: server.port }, { timeoutMs: 2000 });
  assert.deepEqual(supported(report), []);
  assert.deepEqual(findings, []);
});

test('IPv6: a TLS server on ::1, the address checked against the certificate', async (t) => {
  const cert = await generateCert(dir, { altNames: ['IP:::1'], issuer: ca });
  const server = createTlsServer({ key: cert.keyPem, cert: cert.certPem });
  server.on('tlsClientError', () => undefined);
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => resolve(true));
  });
  if (!listening) {
    t.skip('no IPv6 loopback on this machine');
    return;
  }
  stops.push(() => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const { report, findings } = await auditTls(
    { address: '::1', port, serverName: '::1' },
    { trusted: [ca.certPem] },
  );
  assert.deepEqual(supported(report), ['TLSv1.2', 'TLSv1.3']);
  assert.equal(report.hostnameMatches, true);
  assert.equal(report.trusted, true);
  // Node's default suites include static-RSA ones.
  assert.deepEqual(
    findings.map((f) => f.check),
    ['tls.no-forward-secrecy'],
  );
});

/**
 * Stands in front of a real TLS server and hangs up on hellos offering more than 128 suites, as
 * old servers with the "128 cipher limit" bug do; shorter hellos go through to the server.
 */
async function startCipherLimitProxy(backendPort: number): Promise<number> {
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.once('data', (first: Buffer) => {
      const sessionIdLength = first[5 + 4 + 2 + 32] ?? 0;
      const suites = first.readUInt16BE(5 + 4 + 2 + 32 + 1 + sessionIdLength) / 2;
      if (suites > 128) {
        client.destroy();
        return;
      }
      const backend = connect({ host: localhost, port: backendPort });
      sockets.add(backend);
      backend.on('error', () => client.destroy());
      backend.write(first);
      client.pipe(backend).pipe(client);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, localhost, resolve));
  stops.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => proxy.close(resolve));
  });
  const address = proxy.address();
  return typeof address === 'object' && address ? address.port : 0;
}

test(
  'a server that hangs up on more than 128 suites is offered them in shorter lists',
  needs('openssl', 's_server'),
  async () => {
    const server = await started(
      startSServer({
        args: ['-no_tls1_3', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA', '-serverpref'],
      }),
    );
    const port = await startCipherLimitProxy(server.port);
    const { report } = await auditTls({ address: localhost, port });
    // The first 128 suites hold only AES256-SHA, so it is found first; the server's own order is redone.
    assert.deepEqual(
      report.ciphers.map((entry) => [
        entry.protocol,
        entry.serverPreference,
        entry.suites.map((s) => s.name),
      ]),
      [['TLSv1.2', true, ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_256_CBC_SHA']]],
    );
  },
);
