import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffInventory } from '../../../src/modules/inventory/diff-inventory.ts';
import {
  InventoryChange,
  PackageChange,
  UserChange,
  type InstalledPackage,
  type Inventory,
  type ListeningSocket,
  type LocalUser,
  type SudoRule,
} from '../../../src/protocol/inventory.ts';

function inventory(parts: Partial<Inventory>): Inventory {
  return {
    schemaVersion: 1,
    collectedAt: '2026-01-01T00:00:00.000Z',
    host: { hostname: 'h', kernel: '6.1.0', os: null, addresses: [] },
    packages: [],
    otherPackages: [],
    listeners: [],
    users: [],
    groups: [],
    sudoRules: [],
    services: [],
    processes: [],
    errors: [],
    ...parts,
  };
}

const packageChanges = (changes: InventoryChange[]): PackageChange[] =>
  changes.flatMap((change) => PackageChange.safeParse(change).data ?? []);

const pkg = (
  name: string,
  version: string,
  manager: InstalledPackage['manager'] = 'dpkg',
): InstalledPackage => ({
  manager,
  name,
  version,
  architecture: manager === 'apk' ? '' : 'amd64',
  source: name,
  sourceVersion: version,
  status: 'install ok installed',
});

const listener = (port: number, extra: Partial<ListeningSocket> = {}): ListeningSocket => ({
  protocol: 'tcp',
  family: 4,
  address: '0.0.0.0',
  port,
  ...extra,
});

const user = (name: string, uid: number, shell = '/bin/bash'): LocalUser => ({
  name,
  uid,
  gid: uid,
  gecos: '',
  home: `/home/${name}`,
  shell,
  loginCapable: !shell.endsWith('nologin'),
});

const rule = (principal: string, nopasswd: boolean, file = '/etc/sudoers', line = 1): SudoRule => ({
  file,
  line,
  principal,
  hosts: 'ALL',
  runAs: 'ALL:ALL',
  commands: ['ALL'],
  nopasswd,
});

test('no change, no events, even when pids, line numbers and order move', () => {
  const before = inventory({
    packages: [pkg('a', '1'), pkg('b', '2')],
    listeners: [listener(22, { pid: 100, process: 'sshd' })],
    sudoRules: [rule('alice', false, '/etc/sudoers', 3)],
    users: [user('alice', 1000)],
  });
  const after = inventory({
    collectedAt: '2026-01-02T00:00:00.000Z',
    packages: [pkg('b', '2'), pkg('a', '1')],
    listeners: [listener(22, { pid: 4321, process: 'sshd' })],
    sudoRules: [rule('alice', false, '/etc/sudoers', 9)],
    users: [user('alice', 1000)],
  });
  assert.deepEqual(diffInventory(before, after), []);
});

test('every kind of change, in section order with stable keys', () => {
  const before = inventory({
    packages: [
      pkg('openssl', '3.0.11-1'),
      pkg('telnetd', '0.17-44'),
      pkg('musl', '1.2.4-r2', 'apk'),
      pkg('kernel-core', '5.14.0-362', 'rpm'),
    ],
    listeners: [listener(22, { pid: 10, process: 'sshd' }), listener(23, { pid: 11, process: 'inetd' })],
    users: [user('alice', 1000), user('bob', 1001), user('svc', 999, '/usr/sbin/nologin')],
    groups: [{ name: 'sudo', gid: 27, members: ['alice'] }],
    sudoRules: [rule('alice', false), rule('bob', false)],
    services: [{ manager: 'systemd', name: 'telnet.socket', wantedBy: 'sockets.target', static: false }],
  });
  const after = inventory({
    packages: [
      pkg('openssl', '3.0.15-1'),
      pkg('netcat', '1.10-47'),
      pkg('musl', '1.2.4-r2', 'apk'),
      pkg('kernel-core', '5.14.0-362', 'rpm'),
      pkg('kernel-core', '5.14.0-427', 'rpm'),
    ],
    listeners: [
      listener(22, { pid: 10, process: 'sshd' }),
      listener(4444, { family: 6, address: '::', pid: 666, process: 'nc' }),
    ],
    users: [user('alice', 1000), user('bob', 0), user('svc', 999, '/bin/bash'), user('toor', 0)],
    groups: [
      { name: 'sudo', gid: 27, members: ['mallory', 'alice'] },
      { name: 'docker', gid: 998, members: [] },
    ],
    sudoRules: [rule('alice', true), rule('bob', false)],
    services: [
      { manager: 'systemd', name: 'backdoor.service', wantedBy: 'multi-user.target', static: false },
    ],
  });

  const changes = diffInventory(before, after);
  for (const change of changes) InventoryChange.parse(change);
  assert.deepEqual(
    changes.map((change) => `${change.kind} ${change.key}`),
    [
      'package.added dpkg:netcat:amd64',
      'package.version_changed dpkg:openssl:amd64',
      'package.removed dpkg:telnetd:amd64',
      'package.added rpm:kernel-core:amd64',
      'port.opened tcp [::]:4444 nc',
      'port.closed tcp 0.0.0.0:23 inetd',
      'user.added toor',
      'user.changed bob',
      'user.changed svc',
      'group.added docker',
      'group.changed sudo',
      'sudo.rule_added alice ALL=(ALL:ALL) NOPASSWD: ALL',
      'sudo.rule_removed alice ALL=(ALL:ALL) ALL',
      'service.enabled systemd:multi-user.target/backdoor.service',
      'service.disabled systemd:sockets.target/telnet.socket',
    ],
  );

  const upgrade = packageChanges(changes).find((change) => change.kind === 'package.version_changed');
  assert.equal(upgrade?.before?.version, '3.0.11-1');
  assert.equal(upgrade.after?.version, '3.0.15-1');
  const promoted = changes
    .flatMap((change) => UserChange.safeParse(change).data ?? [])
    .find((change) => change.kind === 'user.changed' && change.key === 'bob');
  assert.deepEqual([promoted?.before?.uid, promoted?.after?.uid], [1001, 0]);
  const closed = changes.find((change) => change.kind === 'port.closed');
  assert.deepEqual(closed?.before, listener(23, { pid: 11, process: 'inetd' }));
  assert.equal(closed.after, undefined);
});

test('a different process on the same port is a close and an open', () => {
  const changes = diffInventory(
    inventory({ listeners: [listener(80, { process: 'nginx' })] }),
    inventory({ listeners: [listener(80, { process: 'python3' })] }),
  );
  assert.deepEqual(
    changes.map((change) => `${change.kind} ${change.key}`),
    ['port.opened tcp 0.0.0.0:80 python3', 'port.closed tcp 0.0.0.0:80 nginx'],
  );
});

test('group membership order and duplicates are not changes', () => {
  const changes = diffInventory(
    inventory({ groups: [{ name: 'adm', gid: 4, members: ['a', 'b'] }] }),
    inventory({ groups: [{ name: 'adm', gid: 4, members: ['b', 'a', 'a'] }] }),
  );
  assert.deepEqual(changes, []);
});

test('several versions of one rpm replaced at once are removed and added one by one', () => {
  const changes = diffInventory(
    inventory({ packages: [pkg('kernel-core', '1', 'rpm'), pkg('kernel-core', '2', 'rpm')] }),
    inventory({ packages: [pkg('kernel-core', '2', 'rpm'), pkg('kernel-core', '3', 'rpm')] }),
  );
  assert.deepEqual(
    packageChanges(changes).map((change) => [change.kind, change.before?.version ?? change.after?.version]),
    [
      ['package.removed', '1'],
      ['package.added', '3'],
    ],
  );
});
