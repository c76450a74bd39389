import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixedClock } from '../../../src/platform/clock.ts';
import { collectInventory } from '../../../src/modules/inventory/collect-inventory.ts';
import { readTextFile } from '../../../src/modules/inventory/read-text-file.ts';
import { Inventory } from '../../../src/protocol/inventory.ts';
import { createFixtureTree } from './fixture-tree.ts';

const clock = fixedClock(new Date('2026-01-02T03:04:05.000Z'));

test('collectInventory reads a whole fixture host', async () => {
  const tree = createFixtureTree();
  try {
    const inventory = await collectInventory({
      root: tree.root,
      procRoot: tree.procRoot,
      clock,
      searchPath: tree.bin,
    });
    assert.deepEqual(inventory.errors, [
      { collector: 'sudo', message: '/etc/sudoers:27: statement not understood' },
    ]);
    Inventory.parse(inventory);
    assert.equal(inventory.collectedAt, '2026-01-02T03:04:05.000Z');

    assert.equal(inventory.host.hostname, 'fixture-host');
    assert.equal(inventory.host.kernel, '6.1.0-99-amd64');
    assert.equal(inventory.host.os?.id, 'example', 'the relative os-release link resolves inside root');

    const packages = inventory.packages.map((entry) => `${entry.manager} ${entry.name} ${entry.version}`);
    assert.ok(packages.includes('dpkg bash 5.2.15-2+b9'), 'the dpkg journal overrides the status file');
    assert.ok(packages.includes('dpkg hello 2.10-3'), 'packages only in the journal are found');
    assert.ok(!packages.some((entry) => entry.includes('ignored')), 'journal files are numbered');
    assert.ok(packages.includes('apk musl 1.2.5-r0'));
    assert.ok(packages.includes('rpm openssl-libs 1:3.0.7-27.el9'));
    assert.equal(inventory.packages.filter((entry) => entry.manager === 'dpkg').length, 8);
    assert.deepEqual(
      inventory.otherPackages.map((entry) => entry.name),
      ['brokenpkg'],
      'config-files leaves no program behind',
    );
    assert.deepEqual(readFileSync(tree.rpmArgsFile, 'utf8').split('\n').slice(0, 2), [
      '-qa',
      '--queryformat',
    ]);
    assert.ok(readFileSync(tree.rpmArgsFile, 'utf8').includes(`--root\n${tree.root}\n`));

    assert.deepEqual(
      inventory.listeners.map(
        (entry) =>
          `${entry.protocol}${entry.family} ${entry.address} ${entry.port} ${entry.pid ?? '-'} ${entry.process ?? '-'} ${entry.exe ?? '-'} ${entry.user ?? '-'}`,
      ),
      [
        'tcp4 0.0.0.0 22 101 sshd /usr/sbin/sshd root',
        'tcp4 10.0.2.15 443 - - - 33',
        'tcp4 127.0.0.1 5432 200 postgres /usr/lib/postgresql/15/bin/postgres postgres',
        'tcp6 :: 22 101 sshd /usr/sbin/sshd root',
        'tcp6 2001:db8::1 80 - - - 33',
        'tcp6 ::ffff:127.0.0.1 3306 - - - 107',
        'tcp6 ::1 5432 200 postgres /usr/lib/postgresql/15/bin/postgres postgres',
        'udp4 127.0.0.1 53 - - - 102',
        'udp4 0.0.0.0 68 - - - root',
        'udp6 :: 5353 - - - 115',
      ],
    );

    assert.deepEqual(
      inventory.processes.map((entry) => [entry.pid, entry.ppid, entry.name, entry.user, entry.cmdline]),
      [
        [1, 0, 'systemd', 'root', '/sbin/init splash'],
        [101, 1, 'sshd', 'root', 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'],
        [102, 101, 'sshd', 'alice', 'sshd: alice'],
        [
          200,
          1,
          'postgres',
          'postgres',
          '/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main',
        ],
        [201, 200, 'postgres', 'postgres', 'postgres: walwriter'],
        [400, 1, 'x) S 1 (y\nUid:\t0', 'bob', './x'],
      ],
    );

    assert.deepEqual(
      inventory.users.filter((user) => user.uid === 0).map((user) => user.name),
      ['root', 'toor'],
    );
    assert.deepEqual(inventory.groups.find((group) => group.name === 'sudo')?.members, ['alice', 'bob']);
    assert.equal(inventory.sudoRules.length, 16);

    assert.deepEqual(
      inventory.services.map(
        (entry) => `${entry.manager} ${entry.wantedBy} ${entry.name}${entry.static ? ' static' : ''}`,
      ),
      [
        'systemd multi-user.target dbus.service static',
        'systemd getty.target getty@tty1.service',
        'systemd multi-user.target postgresql.service',
        'systemd multi-user.target remote-fs.target',
        'systemd multi-user.target ssh.service',
        'sysv rc2.d postgresql',
      ],
    );
  } finally {
    tree.dispose();
  }
});

test('a failing collector is reported and the others still run; FIFOs never block', async () => {
  const tree = createFixtureTree();
  try {
    rmSync(join(tree.root, 'etc/group'));
    mkdirSync(join(tree.root, 'etc/group'));
    rmSync(join(tree.root, 'var/lib/dpkg/status'));
    execFileSync('mkfifo', [join(tree.root, 'var/lib/dpkg/status')]);
    rmSync(join(tree.root, 'etc/sudoers'));
    execFileSync('mkfifo', [join(tree.root, 'etc/sudoers')]);
    rmSync(join(tree.procRoot, 'net'), { recursive: true });
    writeFileSync(join(tree.procRoot, 'net'), 'not a directory');
    writeFileSync(join(tree.bin, 'rpm'), '#!/bin/sh\nexit 3\n');

    const inventory = await collectInventory({
      root: tree.root,
      procRoot: tree.procRoot,
      clock,
      searchPath: tree.bin,
    });
    assert.deepEqual(
      inventory.errors.map((error) => error.collector),
      ['dpkg', 'groups', 'rpm', 'sudo'],
    );
    for (const error of inventory.errors) assert.ok(error.message.length > 0);
    assert.match(inventory.errors[0]?.message ?? '', /not a regular file/);
    assert.deepEqual(inventory.groups, []);
    assert.deepEqual(inventory.listeners, [], 'no /proc/net directory: nothing listens that we can see');
    assert.equal(inventory.users[0]?.name, 'root');
    assert.equal(inventory.processes.length, 6);
  } finally {
    tree.dispose();
  }
});

test('readTextFile refuses oversized files unless asked to truncate', async () => {
  const tree = createFixtureTree();
  try {
    const path = join(tree.root, 'etc/passwd');
    await assert.rejects(readTextFile(path, { maxBytes: 10 }), /larger than 10 bytes/);
    assert.equal(await readTextFile(path, { maxBytes: 10, truncate: true }), 'root:x:0:0');
    assert.equal((await readTextFile(path, { maxBytes: 1 << 20 })).length, readFileSync(path, 'utf8').length);
    assert.equal(
      await readTextFile(join(tree.procRoot, '200/cmdline'), { maxBytes: 4, truncate: true }),
      '/usr',
    );
    await assert.rejects(readTextFile(join(tree.procRoot, '200/fd'), { maxBytes: 4 }), /not a regular file/);
  } finally {
    tree.dispose();
  }
});
