import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseKexInit } from '../../../src/modules/netssh/parse-kexinit.ts';
import { parseSshBanner } from '../../../src/modules/netssh/parse-ssh-banner.ts';
import { describeHostKey } from '../../../src/modules/netssh/probe-ssh-auth.ts';
import { rateSshAlgorithm } from '../../../src/modules/netssh/rate-ssh-algorithm.ts';
import { readSshHello } from '../../../src/modules/netssh/read-ssh-hello.ts';
import { auditSsh } from '../../../src/modules/netssh/audit-ssh.ts';
import { SshAuditError } from '../../../src/modules/netssh/ssh-audit-error.ts';
import { needs } from '../../helpers/requirements.ts';

/* The hand-written SSH transport start against hostile bytes, and the rating table. */

function nameList(names: string[] | string): Buffer {
  const text = Buffer.from(Array.isArray(names) ? names.join(',') : names, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  return Buffer.concat([length, text]);
}

function kexInitPayload(lists: (string[] | string)[]): Buffer {
  return Buffer.concat([Buffer.from([20]), Buffer.alloc(16, 7), ...lists.map(nameList), Buffer.alloc(5)]);
}

function packet(payload: Buffer): Buffer {
  const padding = 8 - ((payload.length + 5) % 8) + 4;
  const header = Buffer.alloc(5);
  header.writeUInt32BE(payload.length + padding + 1);
  header[4] = padding;
  return Buffer.concat([header, payload, Buffer.alloc(padding)]);
}

const ten = (first: string[]): string[][] => [
  first,
  ['ssh-ed25519'],
  ['aes128-ctr'],
  ['aes128-ctr'],
  ['hmac-sha2-256'],
  ['hmac-sha2-256'],
  ['none'],
  ['none'],
  [],
  [],
];

/** A fake server on a free port that runs `talk` on each connection. */
async function fakeServer(talk: (socket: Socket) => void): Promise<{ port: number; close: () => void }> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    talk(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, close: () => server.close() };
}

test('identification strings: software and version split, comments apart, control bytes neutralised', () => {
  assert.deepEqual(parseSshBanner('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3'), {
    banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3',
    protocolVersion: '2.0',
    software: 'OpenSSH',
    softwareVersion: '9.2p1',
    comments: 'Debian-2+deb12u3',
  });
  assert.equal(parseSshBanner('SSH-2.0-dropbear_2022.83')?.softwareVersion, '2022.83');
  assert.equal(parseSshBanner('SSH-2.0-dropbear_2022.83')?.software, 'dropbear');
  assert.equal(parseSshBanner('SSH-1.99-Cisco-1.25')?.software, 'Cisco');
  assert.equal(parseSshBanner('SSH-1.99-Cisco-1.25')?.softwareVersion, '1.25');
  assert.equal(parseSshBanner('SSH-2.0-OpenSSH_for_Windows_8.1')?.software, 'OpenSSH_for_Windows');
  assert.equal(parseSshBanner('SSH-2.0-libssh')?.softwareVersion, undefined);
  assert.equal(parseSshBanner('SSH-2.0-x\u001b[31mred')?.banner.includes('\u001b'), false);
  assert.equal(parseSshBanner('HTTP/1.1 400 Bad Request'), undefined);
  assert.equal(parseSshBanner('SSH-two-x'), undefined);
});

test('KEXINIT name-lists are read strictly: overruns, empty names, spaces and over-long names refused', () => {
  const parsed = parseKexInit(kexInitPayload(ten(['curve25519-sha256', 'kex-strict-s-v00@openssh.com'])));
  assert.deepEqual(parsed.kex, ['curve25519-sha256', 'kex-strict-s-v00@openssh.com']);
  assert.deepEqual(parsed.hostKeys, ['ssh-ed25519']);
  assert.deepEqual(parsed.compressionClientToServer, ['none']);
  const refused = (payload: Buffer, message: RegExp): void =>
    assert.throws(
      () => parseKexInit(payload),
      (error: unknown) => {
        assert.ok(error instanceof SshAuditError);
        assert.equal(error.code, 'bad-packet');
        assert.match(error.message, message);
        return true;
      },
    );
  refused(kexInitPayload(ten(['a', '', 'b'])), /empty name/);
  refused(kexInitPayload(ten(['a b'])), /byte 0x20/);
  refused(kexInitPayload(ten(['x'.repeat(65)])), /longer than 64/);
  const overrun = kexInitPayload(ten(['curve25519-sha256']));
  overrun.writeUInt32BE(0xffffff00, 17);
  refused(overrun, /overruns/);
  refused(kexInitPayload(ten(['a'])).subarray(0, 40), /truncated|overruns/);
  refused(Buffer.from([21, 0]), /not KEXINIT/);
});

test('ratings follow ssh-audit: the examples of the issue', () => {
  const rating = (category: Parameters<typeof rateSshAlgorithm>[0], name: string) =>
    rateSshAlgorithm(category, name).rating;
  assert.equal(rating('kex', 'diffie-hellman-group1-sha1'), 'fail');
  assert.equal(rating('kex', 'diffie-hellman-group14-sha1'), 'fail');
  assert.equal(rating('kex', 'diffie-hellman-group14-sha256'), 'warn');
  assert.equal(rating('kex', 'ecdh-sha2-nistp256'), 'fail');
  assert.equal(rating('kex', 'curve25519-sha256'), 'ok');
  assert.equal(rating('kex', 'sntrup761x25519-sha512@openssh.com'), 'ok');
  assert.equal(rating('kex', 'gss-group1-sha1-toWM5Slw5Ew8Mqkay+al2g=='), 'fail');
  assert.equal(rating('hostKey', 'ssh-rsa'), 'fail');
  assert.equal(rating('hostKey', 'rsa-sha2-512'), 'ok');
  assert.equal(rating('cipher', '3des-cbc'), 'fail');
  assert.equal(rating('cipher', 'aes256-cbc'), 'warn');
  assert.equal(rating('cipher', 'arcfour'), 'fail');
  assert.equal(rating('mac', 'hmac-md5'), 'fail');
  assert.equal(rating('mac', 'umac-64@openssh.com'), 'warn');
  assert.equal(rating('mac', 'hmac-sha2-256-etm@openssh.com'), 'ok');
  assert.equal(rating('mac', 'made-up@example.com'), 'warn');
  assert.equal(rating('mac', 'constructor'), 'warn');
  assert.deepEqual(rateSshAlgorithm('kex', 'curve25519-sha256').notes, [
    'default key exchange since OpenSSH 6.4',
    'available since OpenSSH 7.4, Dropbear SSH 2018.76',
  ]);
});

test(
  'host key blobs: RSA modulus size and the fingerprint ssh-keygen prints',
  needs('ssh-keygen', 'makes the keys'),
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-hostkey-'));
    try {
      for (const [type, bits] of [
        ['rsa', '2048'],
        ['ecdsa', '384'],
        ['ed25519', '256'],
      ] as const) {
        const path = join(dir, type);
        execFileSync('ssh-keygen', ['-q', '-t', type, '-b', bits, '-N', '', '-f', path]);
        const blob = Buffer.from(readFileSync(`${path}.pub`, 'utf8').split(' ')[1] ?? '', 'base64');
        const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`])
          .toString()
          .split(' ')[1];
        const key = describeHostKey(type, blob);
        assert.equal(key.bits, Number(bits));
        assert.equal(key.fingerprint, fingerprint);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('the reader skips pre-banner lines and SSH_MSG_IGNORE, and bounds everything else', async (t) => {
  const kexinit = packet(kexInitPayload(ten(['curve25519-sha256'])));
  const good = await fakeServer((socket) => {
    socket.write('Welcome\r\nauthorised use only\r\nSSH-2.0-Fake_1.0\r\n');
    socket.write(Buffer.concat([packet(Buffer.from([2, 0, 0, 0, 0])), kexinit.subarray(0, 7)]));
    setTimeout(() => socket.write(kexinit.subarray(7)), 20);
  });
  t.after(good.close);
  const hello = await readSshHello({ address: '127.0.0.1', port: good.port }, { timeoutMs: 3000 });
  assert.deepEqual(hello.preBanner, ['Welcome', 'authorised use only']);
  assert.equal(hello.ident.software, 'Fake');
  assert.deepEqual(hello.kexInit?.kex, ['curve25519-sha256']);

  const expectCode = async (talk: (socket: Socket) => void, code: string): Promise<void> => {
    const server = await fakeServer(talk);
    try {
      await assert.rejects(readSshHello({ address: '127.0.0.1', port: server.port }, { timeoutMs: 1500 }), {
        code,
      });
    } finally {
      server.close();
    }
  };
  await expectCode((socket) => socket.write('x'.repeat(10_000)), 'not-ssh');
  await expectCode((socket) => socket.write('line\n'.repeat(100)), 'not-ssh');
  await expectCode((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'), 'not-ssh');
  await expectCode((socket) => socket.write('SSH-2.0-x\r\n\xff\xff\xff\xff\x04'), 'bad-packet');
  await expectCode((socket) => socket.write('SSH-2.0-x\r\n'), 'timeout');
  await expectCode(
    (socket) => socket.write(Buffer.concat([Buffer.from('SSH-2.0-x\r\n'), packet(Buffer.from([94, 1]))])),
    'bad-packet',
  );
});

test('an SSH-1 server is reported as protocol 1, critical', async (t) => {
  const server = await fakeServer((socket) => socket.write('SSH-1.5-OldSSH_1.2.27\n'));
  t.after(server.close);
  const { report, findings } = await auditSsh(
    { address: '127.0.0.1', port: server.port },
    { timeoutMs: 2000 },
  );
  assert.equal(report.protocolVersion, '1.5');
  assert.deepEqual(
    findings.map((f) => [f.check, f.severity]),
    [['ssh.protocol-1', 'critical']],
  );
});

test('a connection refused is an SshAuditError connect-failed', async () => {
  const server = await fakeServer(() => undefined);
  server.close();
  await assert.rejects(auditSsh({ address: '127.0.0.1', port: server.port }, { timeoutMs: 2000 }), {
    code: 'connect-failed',
  });
});

test('policy deviations and Terrapin from a server that is not OpenSSH', async (t) => {
  const lists = ten(['curve25519-sha256', 'diffie-hellman-group15-sha512', 'ext-info-s']);
  lists[2] = ['chacha20-poly1305@openssh.com', 'aes128-cbc'];
  lists[4] = ['hmac-sha2-256-etm@openssh.com'];
  const server = await fakeServer((socket) => {
    socket.write(Buffer.concat([Buffer.from('SSH-2.0-Other_2.1\r\n'), packet(kexInitPayload(lists))]));
    setTimeout(() => socket.end(), 200);
  });
  t.after(server.close);
  const { report, findings } = await auditSsh(
    { address: '127.0.0.1', port: server.port },
    { timeoutMs: 3000 },
  );
  assert.equal(report.strictKex, false);
  assert.equal(report.authMethods, undefined);
  assert.deepEqual(
    findings.map((f) => `${f.check}:${f.severity}`),
    ['ssh.policy-kex:low', 'ssh.cipher-weak:low', 'ssh.policy-kex-pq:low', 'ssh.terrapin:medium'],
  );
  assert.match(findings[0]?.evidence ?? '', /diffie-hellman-group15-sha512 \[ok\]/);
  assert.match(findings[0]?.remediation ?? '', /`KexAlgorithms curve25519-sha256`/);
});

test('a server that lets `none` in is critical; one listing password is medium (ssh2 servers)', async (t) => {
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519').private;
  const start = async (acceptNone: boolean): Promise<number> => {
    const server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
      client.on('error', () => undefined);
      client.on('authentication', (context) => {
        if (acceptNone && context.method === 'none') context.accept();
        else context.reject(['password', 'keyboard-interactive']);
      });
      client.on('ready', () => client.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    return server.address().port;
  };
  const open = await auditSsh({ address: '127.0.0.1', port: await start(true) }, { timeoutMs: 5000 });
  assert.deepEqual(open.report.authMethods, ['none']);
  assert.deepEqual(
    open.report.keys?.map((key) => key.type),
    ['ssh-ed25519'],
  );
  assert.equal(open.report.software, 'ssh2js1.17.0');
  const severities = (findings: { check: string; severity: string }[]) =>
    findings.filter((f) => f.check.includes('auth')).map((f) => `${f.check}:${f.severity}`);
  assert.deepEqual(severities(open.findings), ['ssh.auth-none:critical']);
  const closed = await auditSsh({ address: '127.0.0.1', port: await start(false) }, { timeoutMs: 5000 });
  assert.deepEqual(closed.report.authMethods, ['password', 'keyboard-interactive']);
  assert.deepEqual(severities(closed.findings), ['ssh.password-auth:medium']);
});

test('an aborted audit stops with code aborted', async (t) => {
  const server = await fakeServer(() => undefined);
  t.after(server.close);
  const controller = new AbortController();
  const audit = auditSsh(
    { address: '127.0.0.1', port: server.port },
    { timeoutMs: 5000, signal: controller.signal },
  );
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(audit, { code: 'aborted' });
});
