import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { auditSsh } from '../../../src/modules/netssh/audit-ssh.ts';
import { startSshd, type SshdOptions } from '../../helpers/net-services.ts';
import { needs } from '../../helpers/requirements.ts';

/* auditSsh against real OpenSSH servers (Debian 12's 9.2p1): the exact findings per configuration. */

const needsSshd = needs('sshd', 'the audited SSH server');

async function audit(options: SshdOptions) {
  const sshd = await startSshd(options);
  try {
    return await auditSsh({ address: sshd.address, port: sshd.port }, { timeoutMs: 10_000 });
  } finally {
    await sshd.stop();
  }
}

const checks = (findings: { check: string; severity: string }[]) =>
  findings.map((f) => `${f.check}:${f.severity}`);

test(
  'default OpenSSH with passwords: NIST curves, weak MACs, password auth; keys and methods read',
  needsSshd,
  async () => {
    const { report, findings } = await audit({});
    assert.equal(report.software, 'OpenSSH');
    assert.match(report.softwareVersion ?? '', /^\d+\.\d+p\d+$/);
    assert.equal(report.protocolVersion, '2.0');
    assert.equal(report.strictKex, true);
    assert.deepEqual(report.authMethods, ['publickey', 'password']);
    assert.deepEqual(
      report.keys?.map((key) => [key.type, key.bits]),
      [
        ['ssh-ed25519', 256],
        ['ssh-rsa', 3072],
      ],
    );
    assert.equal(report.kex.find((a) => a.name === 'ecdh-sha2-nistp256')?.rating, 'fail');
    assert.equal(report.ciphers.find((a) => a.name === 'chacha20-poly1305@openssh.com')?.rating, 'ok');
    assert.deepEqual(checks(findings), ['ssh.kex-weak:low', 'ssh.mac-weak:low', 'ssh.password-auth:medium']);
    const password = findings.find((f) => f.check === 'ssh.password-auth');
    assert.equal(password?.evidence, 'after a `none` request the server offers: publickey,password');
    assert.match(password.remediation, /`PasswordAuthentication no`/);
  },
);

test('password authentication off: no password finding, only publickey listed', needsSshd, async () => {
  const { report, findings } = await audit({ passwordAuthentication: false });
  assert.deepEqual(report.authMethods, ['publickey']);
  assert.deepEqual(checks(findings), ['ssh.kex-weak:low', 'ssh.mac-weak:low']);
});

test('legacy algorithms switched back on: each category flagged at its worst', needsSshd, async () => {
  const { report, findings } = await audit({
    passwordAuthentication: false,
    hostKeyTypes: ['ed25519', 'rsa', 'ecdsa'],
    config: [
      'KexAlgorithms +diffie-hellman-group14-sha1,diffie-hellman-group1-sha1',
      'Ciphers +aes128-cbc,3des-cbc',
      'MACs +hmac-sha1,hmac-md5',
      'HostKeyAlgorithms +ssh-rsa',
    ],
  });
  assert.deepEqual(checks(findings), [
    'ssh.kex-weak:high',
    'ssh.hostkey-weak:medium',
    'ssh.cipher-weak:medium',
    'ssh.mac-weak:high',
  ]);
  const cipher = findings.find((f) => f.check === 'ssh.cipher-weak');
  assert.equal(
    cipher?.evidence,
    'offered: aes128-cbc [warn: using weak cipher mode], 3des-cbc [fail: using broken & deprecated 3DES cipher;' +
      ' using weak cipher mode; using small 64-bit block size]',
  );
  assert.match(
    cipher.remediation,
    /^In \/etc\/ssh\/sshd_config set `Ciphers chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com`/,
  );
  assert.deepEqual(
    report.keys?.map((key) => key.type),
    ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256'],
  );
});

test('hardened per the policy: no findings at all', needsSshd, async () => {
  const { report, findings } = await audit({
    passwordAuthentication: false,
    config: [
      'KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512',
      'Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr',
      'MACs hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,umac-128-etm@openssh.com',
      'HostKeyAlgorithms ssh-ed25519,rsa-sha2-512,rsa-sha2-256',
    ],
  });
  assert.deepEqual(findings, []);
  assert.deepEqual(report.authMethods, ['publickey']);
});

test('policy deviations: no post-quantum key exchange and a 2048-bit RSA host key', needsSshd, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-rsa2048-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const rsa2048 = join(dir, 'ssh_host_rsa_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', '', '-f', rsa2048]);
  const { report, findings } = await audit({
    passwordAuthentication: false,
    hostKeyTypes: ['ed25519'],
    config: [`HostKey ${rsa2048}`, 'KexAlgorithms curve25519-sha256'],
  });
  assert.deepEqual(checks(findings), [
    'ssh.mac-weak:low',
    'ssh.policy-kex-pq:low',
    'ssh.policy-rsa-key-size:low',
  ]);
  assert.equal(report.keys?.find((key) => key.type === 'ssh-rsa')?.bits, 2048);
});

test(
  'only MACs ssh2 lacks (umac): the methods are still read through an AEAD cipher',
  needsSshd,
  async () => {
    const { report, findings } = await audit({
      passwordAuthentication: false,
      config: ['Ciphers aes128-ctr,aes256-gcm@openssh.com', 'MACs umac-128-etm@openssh.com'],
    });
    assert.deepEqual(report.authMethods, ['publickey']);
    assert.deepEqual(checks(findings), ['ssh.kex-weak:low']);
  },
);
