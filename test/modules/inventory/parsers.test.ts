import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatIpv6 } from '../../../src/modules/inventory/format-ipv6.ts';
import { parseApkInstalled } from '../../../src/modules/inventory/parse-apk-installed.ts';
import { parseCmdline } from '../../../src/modules/inventory/parse-cmdline.ts';
import { parseDpkgStatus } from '../../../src/modules/inventory/parse-dpkg-status.ts';
import { parseGroup } from '../../../src/modules/inventory/parse-group.ts';
import { parseOsRelease } from '../../../src/modules/inventory/parse-os-release.ts';
import { parsePasswd } from '../../../src/modules/inventory/parse-passwd.ts';
import { parseProcNet } from '../../../src/modules/inventory/parse-proc-net.ts';
import { parseProcStat } from '../../../src/modules/inventory/parse-proc-stat.ts';
import { parseRpmQuery } from '../../../src/modules/inventory/parse-rpm-query.ts';
import { parseStatusUid } from '../../../src/modules/inventory/parse-status-uid.ts';

const fixtureBytes = (name: string): Buffer =>
  readFileSync(new URL(`../../fixtures/inventory/${name}`, import.meta.url));
const fixture = (name: string): string => fixtureBytes(name).toString('utf8');

test('dpkg: binary and source names and versions, multi-arch, every status kept', () => {
  const packages = parseDpkgStatus(fixtureBytes('dpkg-status'));
  const find = (name: string, architecture = 'amd64') =>
    packages.find((entry) => entry.name === name && entry.architecture === architecture);

  assert.deepEqual(find('libc6'), {
    manager: 'dpkg',
    name: 'libc6',
    version: '2.36-9+deb12u14',
    architecture: 'amd64',
    source: 'glibc',
    sourceVersion: '2.36-9+deb12u14',
    status: 'install ok installed',
  });
  assert.equal(find('libc6', 'i386')?.source, 'glibc', 'multi-arch siblings are separate packages');
  assert.deepEqual(
    { version: find('bsdutils')?.version, source: find('bsdutils')?.source },
    { version: '1:2.38.1-5+deb12u3', source: 'util-linux' },
  );
  assert.equal(find('bsdutils')?.sourceVersion, '2.38.1-5+deb12u3', 'Source: name (version) wins');
  assert.deepEqual(
    [find('bash')?.version, find('bash')?.sourceVersion, find('bash')?.status],
    ['5.2.15-2+b8', '5.2.15-2', 'install ok installed'],
    'tabs and runs of spaces are tolerated',
  );
  assert.equal(find('openssl')?.version, '3.0.17-1~deb12u2', 'field names are case-insensitive');
  assert.equal(find('crlf-pkg', 'all')?.source, 'crlf-src');
  assert.equal(find('crlf-pkg', 'all')?.sourceVersion, '0.9-1');
  assert.equal(find('tzdata', 'all')?.version, '2025b-0+deb12u1', 'a later stanza replaces an earlier one');
  assert.equal(find('oldpkg')?.status, 'deinstall ok config-files');
  assert.equal(find('brokenpkg')?.status, 'install reinstreq half-configured');

  const names = packages.map((entry) => entry.name);
  assert.ok(!names.includes('evil-injected-by-description'), 'continuation lines are never fields');
  assert.ok(!names.includes('noversion') && !names.includes('purged'), 'a stanza needs a version');
  assert.equal(packages.length, 9);
});

test('dpkg: hostile input is bounded and never throws', () => {
  const long = 'x'.repeat(100_000);
  const [entry] = parseDpkgStatus(Buffer.from(`Package: ${long}\nVersion: 1 ${long}\nStatus: ${long}\n`));
  assert.equal(entry?.name.length, 256);
  assert.equal(entry.version, '1');
  assert.equal(entry.status.length, 64);
  assert.deepEqual(parseDpkgStatus(Buffer.from('\u0000\u0001::::\n\n\n:\r\n\t\n')), []);
  assert.deepEqual(parseDpkgStatus(Buffer.from(' '.repeat(200_000) + 'Package')), []);
});

test('apk: name, version, architecture and origin as source', () => {
  const packages = parseApkInstalled(fixtureBytes('apk-installed'));
  assert.deepEqual(
    packages.map((entry) => [entry.name, entry.version, entry.architecture, entry.source]),
    [
      ['musl', '1.2.5-r0', 'x86_64', 'musl'],
      ['libcrypto3', '3.3.2-r1', 'x86_64', 'openssl'],
      ['busybox', '1.36.1-r29', 'x86_64', 'busybox'],
      ['alpine-baselayout', '3.6.5-r0', 'x86_64', 'alpine-baselayout'],
    ],
  );
  assert.ok(packages.every((entry) => entry.manager === 'apk' && entry.status === 'installed'));
});

test('rpm: epoch, release, source rpm name, several kernels, no-source keys', () => {
  const packages = parseRpmQuery(fixture('rpm-query'));
  assert.deepEqual(
    packages.map((entry) => [
      entry.name,
      entry.version,
      entry.architecture,
      entry.source,
      entry.sourceVersion,
    ]),
    [
      ['bash', '5.1.8-9.el9', 'x86_64', 'bash', '5.1.8-9.el9'],
      ['openssl-libs', '1:3.0.7-27.el9', 'x86_64', 'openssl', '1:3.0.7-27.el9'],
      ['kernel-core', '5.14.0-427.13.1.el9_4', 'x86_64', 'kernel', '5.14.0-427.13.1.el9_4'],
      ['kernel-core', '5.14.0-362.24.1.el9_3', 'x86_64', 'kernel', '5.14.0-362.24.1.el9_3'],
      ['gpg-pubkey', 'fd431d51-4ae0493b', '', 'gpg-pubkey', 'fd431d51-4ae0493b'],
    ],
  );
});

test('os-release: double, single and backslash quoting; defaults; unterminated values dropped', () => {
  assert.deepEqual(parseOsRelease(fixture('os-release')), {
    id: 'example',
    idLike: ['rhel', 'centos', 'fedora'],
    name: 'Example Linux',
    prettyName: 'Example "Quoted" Linux 9.4 (Plow)',
    version: '9.4 (Plow)',
    versionId: '9.4',
    versionCodename: 'plow ish',
  });
  assert.deepEqual(parseOsRelease(''), { id: 'linux', idLike: [], name: 'Linux', prettyName: 'Linux' });
  assert.equal(parseOsRelease('ID="a\\\\b\\$c\\x"').id, 'a\\b$c\\x', 'only $ " \\ ` are escapes in quotes');
  assert.equal(parseOsRelease(`NAME="${'a'.repeat(10_000)}"`).name.length, 256);
  assert.equal(parseOsRelease('__proto__=x\nconstructor=y').id, 'linux');
});

test('/proc/net: listening TCP, bound UDP, IPv4 and IPv6 (loopback, any, v4-mapped, global)', () => {
  const tcp = parseProcNet(fixture('proc-net-tcp'), 'tcp');
  assert.deepEqual(
    tcp.map((socket) => [socket.address, socket.port, socket.uid, socket.inode]),
    [
      ['127.0.0.1', 5432, 101, 20001],
      ['0.0.0.0', 22, 0, 20002],
      ['10.0.2.15', 443, 33, 20010],
      ['127.0.0.1', 5432, 101, 20011],
    ],
  );
  assert.ok(tcp.every((socket) => socket.protocol === 'tcp' && socket.family === 4));

  const tcp6 = parseProcNet(fixture('proc-net-tcp6'), 'tcp6');
  assert.deepEqual(
    tcp6.map((socket) => [socket.family, socket.address, socket.port]),
    [
      [6, '::1', 5432],
      [6, '::', 22],
      [6, '::ffff:127.0.0.1', 3306],
      [6, '2001:db8::1', 80],
    ],
  );

  const udp = parseProcNet(fixture('proc-net-udp'), 'udp');
  assert.deepEqual(
    udp.map((socket) => [socket.protocol, socket.address, socket.port]),
    [
      ['udp', '0.0.0.0', 68],
      ['udp', '127.0.0.1', 53],
    ],
    'state 07 is an unconnected bound socket; connected ones are not listeners',
  );
  assert.deepEqual(
    parseProcNet(fixture('proc-net-udp6'), 'udp6').map((socket) => [socket.address, socket.port, socket.uid]),
    [['::', 5353, 115]],
  );
});

test('/proc/net: big-endian hosts print addresses in network order', () => {
  const line = '0: 7F000001:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 9 1';
  assert.equal(parseProcNet(line, 'tcp', 'BE')[0]?.address, '127.0.0.1');
  const line6 = '0: 00000000000000000000000000000001:0016 0:0 0A 0:0 0:0 0 0 0 9 1';
  assert.equal(parseProcNet(line6, 'tcp6', 'BE')[0]?.address, '::1');
});

test('IPv6 text follows RFC 5952', () => {
  const bytes = (hex: string): number[] => [...Buffer.from(hex, 'hex')];
  assert.equal(
    formatIpv6(bytes('20010db8000000000001000000000001')),
    '2001:db8::1:0:0:1',
    'first longest run',
  );
  assert.equal(formatIpv6(bytes('20010db8000000010000000000000001')), '2001:db8:0:1::1');
  assert.equal(formatIpv6(bytes('20010db8000100010001000100010001')), '2001:db8:1:1:1:1:1:1');
  assert.equal(
    formatIpv6(bytes('20010db8000000010001000100010001')),
    '2001:db8:0:1:1:1:1:1',
    'one zero group stays',
  );
  assert.equal(formatIpv6(bytes('fe800000000000000000000000000000')), 'fe80::');
  assert.equal(formatIpv6(bytes('00000000000000000000ffffc0000201')), '::ffff:192.0.2.1');
});

test('/proc/<pid>/stat, status and cmdline', () => {
  assert.deepEqual(parseProcStat('4242 (evil) 1 2 (x)) S 17 4242 4242 0 -1 4194560'), {
    pid: 4242,
    name: 'evil) 1 2 (x)',
    state: 'S',
    ppid: 17,
  });
  assert.equal(parseProcStat('garbage'), null);
  assert.equal(parseProcStat('12 (x'), null);
  assert.equal(parseStatusUid('Name:\tsshd\nUmask:\t0022\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n'), 0);
  assert.equal(parseStatusUid('Name:\tx\n'), undefined);
  assert.equal(parseCmdline('/usr/sbin/sshd\u0000-D\u0000'), '/usr/sbin/sshd -D');
  assert.equal(parseCmdline('postgres: checkpointer     '), 'postgres: checkpointer');
  assert.equal(parseCmdline(''), '');
  assert.equal(parseCmdline('a\u0000'.repeat(5000)).length, 4096);
});

test('passwd: ids, login-capable shells, duplicates kept, malformed lines skipped', () => {
  const users = parsePasswd(fixture('passwd'));
  assert.deepEqual(
    users.map((user) => [user.name, user.uid, user.gid, user.shell, user.loginCapable]),
    [
      ['root', 0, 0, '/bin/bash', true],
      ['daemon', 1, 1, '/usr/sbin/nologin', false],
      ['sync', 4, 65534, '/bin/sync', false],
      ['sshd', 105, 65534, '/usr/sbin/nologin', false],
      ['postgres', 101, 104, '/bin/bash', true],
      ['alice', 1000, 1000, '/bin/zsh', true],
      ['bob', 1001, 1001, '', true],
      ['toor', 0, 0, '/bin/sh', true],
      ['carol', 1003, 1003, '/usr/bin/false', false],
    ],
  );
  assert.equal(users.find((user) => user.name === 'alice')?.home, '/home/alice');
  assert.equal(users.find((user) => user.name === 'postgres')?.gecos, 'PostgreSQL administrator,,,');
  assert.deepEqual(parsePasswd('x:x:4294967295:0::/:/bin/sh\ny:x:99999999999:0::/:/bin/sh'), []);
});

test('group: members trimmed, empty entries dropped, malformed lines skipped', () => {
  assert.deepEqual(
    parseGroup(fixture('group')).map((group) => [group.name, group.gid, group.members]),
    [
      ['root', 0, []],
      ['sudo', 27, ['alice', 'bob']],
      ['admin', 115, ['carol']],
      ['ssl-cert', 103, ['postgres']],
      ['alice', 1000, []],
      ['bob', 1001, []],
      ['carol', 1003, []],
      ['wheel', 10, ['alice']],
    ],
  );
});
