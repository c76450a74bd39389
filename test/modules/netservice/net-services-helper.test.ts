import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { test } from 'node:test';
import {
  accepts,
  generateCert,
  serviceDir,
  startMosquitto,
  startNats,
  startNginx,
  startRedis,
  startSServer,
  startSshd,
  type LocalService,
} from '../../helpers/net-services.ts';
import { needs } from '../../helpers/requirements.ts';

/* The shared starters of test/helpers/net-services.ts: each daemon listens, and stop() frees the port. */

/** The first bytes the service sends after `send` (or unprompted), as text. */
function firstBytes(port: number, send?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      if (send) socket.write(send);
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('latin1'));
    });
    socket.once('error', reject);
  });
}

async function stopped(service: LocalService): Promise<void> {
  await service.stop();
  assert.equal(await accepts(service.port), false);
}

test('sshd greets with its OpenSSH banner', needs('ssh-keygen', 'host keys'), async () => {
  const sshd = await startSshd({ passwordAuthentication: false, hostKeyTypes: ['ed25519'] });
  try {
    assert.match(await firstBytes(sshd.port), /^SSH-2\.0-OpenSSH_\d/);
    assert.equal(sshd.hostKeys.length, 1);
  } finally {
    await stopped(sshd);
  }
});

test('nginx serves HTTP and HTTPS from its docroot', needs('nginx', 'web server'), async () => {
  const nginx = await startNginx({ https: true, files: { 'hello.txt': 'hi\n' } });
  try {
    assert.ok(nginx.httpPort && nginx.httpsPort);
    const reply = await firstBytes(nginx.httpPort, 'GET /hello.txt HTTP/1.0\r\n\r\n');
    assert.match(reply, /^HTTP\/1\.1 200 OK\r\nServer: nginx\/\d/);
    assert.ok(await accepts(nginx.httpsPort));
  } finally {
    await stopped(nginx);
  }
});

test('openssl s_server accepts with caller arguments', needs('openssl', 'TLS server'), async () => {
  const server = await startSServer({ args: ['-tls1', '-cipher', 'AES128-SHA:@SECLEVEL=0'] });
  try {
    assert.ok(await accepts(server.port));
    assert.match(server.cert.certPem, /BEGIN CERTIFICATE/);
  } finally {
    await stopped(server);
  }
});

test('redis-server with and without requirepass', needs('redis-server', 'cache'), async () => {
  const [open, locked] = await Promise.all([startRedis(), startRedis({ password: 's3cret' })]);
  try {
    assert.equal(await firstBytes(open.port, 'PING\r\n'), '+PONG\r\n');
    assert.match(await firstBytes(locked.port, 'PING\r\n'), /^-NOAUTH/);
  } finally {
    await Promise.all([stopped(open), stopped(locked)]);
  }
});

test('mosquitto and nats-server listen', needs('mosquitto', 'MQTT broker'), async () => {
  const [mqtt, nats] = await Promise.all([startMosquitto(), startNats({ user: 'u', password: 'p' })]);
  try {
    assert.ok(await accepts(mqtt.port));
    assert.match(await firstBytes(nats.port), /^INFO \{.*"auth_required":true/);
  } finally {
    await Promise.all([stopped(mqtt), stopped(nats)]);
  }
});

test(
  'generateCert makes expired, weak and CA-signed certificates',
  needs('openssl', 'certificates'),
  async () => {
    const dir = serviceDir('certs');
    try {
      const ca = await generateCert(dir, { commonName: 'Vigil Test CA', ca: true });
      const leaf = await generateCert(dir, {
        commonName: 'old.test',
        issuer: ca,
        key: 'rsa:1024',
        digest: 'sha1',
        notBefore: new Date('2020-01-01T00:00:00Z'),
        notAfter: new Date('2021-01-01T00:00:00Z'),
      });
      const cert = new X509Certificate(leaf.certPem);
      assert.equal(cert.subject, 'CN=old.test');
      assert.equal(cert.issuer, 'CN=Vigil Test CA');
      assert.equal(cert.subjectAltName, 'DNS:old.test');
      assert.equal(new Date(cert.validTo).toISOString(), '2021-01-01T00:00:00.000Z');
      assert.ok(cert.verify(new X509Certificate(ca.certPem).publicKey));
      const text = execFileSync('openssl', ['x509', '-in', leaf.certPath, '-noout', '-text'], {
        encoding: 'utf8',
      });
      assert.match(text, /sha1WithRSAEncryption/);
      assert.match(text, /Public-Key: \(1024 bit\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
