/*
 * collectInventory against the machine running the tests, checked against
 * what other tools and our own sockets say.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { userInfo } from 'node:os';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { collectInventory } from '../../../src/modules/inventory/collect-inventory.ts';
import { Inventory } from '../../../src/protocol/inventory.ts';
import { needs } from '../../helpers/requirements.ts';

const run = promisify(execFile);
const linux = process.platform === 'linux' ? {} : { skip: 'reads /proc and /etc of a Linux host' };

let inventory: Inventory;
let durationMs = 0;
const servers: Server[] = [];
const udp = createSocket('udp4');
let udpPort = 0;

async function listen(host: string): Promise<number | null> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, resolve);
    });
  } catch {
    // No IPv6 on this host: the IPv4 listener still proves the mapping.
    return null;
  }
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

let tcp4Port: number | null = null;
let tcp6Port: number | null = null;

before(async () => {
  if (process.platform !== 'linux') return;
  tcp4Port = await listen('127.0.0.1');
  tcp6Port = await listen('::1');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  udpPort = udp.address().port;
  const started = performance.now();
  inventory = await collectInventory();
  durationMs = performance.now() - started;
});

after(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  if (udpPort !== 0) udp.close();
});

test('the inventory validates, no collector failed, and it is quick', linux, (t) => {
  t.diagnostic(
    `collectInventory took ${durationMs.toFixed(0)} ms: ${inventory.packages.length} packages, ` +
      `${inventory.processes.length} processes, ${inventory.listeners.length} listeners`,
  );
  Inventory.parse(inventory);
  // A sudoers statement this parser cannot read is a finding about the host, not a failure here.
  for (const error of inventory.errors.filter((entry) => entry.collector === 'sudo'))
    t.diagnostic(error.message);
  assert.deepEqual(
    inventory.errors.filter((entry) => entry.collector !== 'sudo'),
    [],
  );
  assert.ok(durationMs < 10_000);
  assert.ok(inventory.host.kernel.length > 0 && inventory.host.hostname.length > 0);
});

test("this test's own sockets are found, with this process as owner", linux, () => {
  const self = readFileSync('/proc/self/comm', 'utf8').trim();
  const user = userInfo().username;
  const find = (protocol: string, address: string, port: number | null) =>
    inventory.listeners.find(
      (entry) => entry.protocol === protocol && entry.address === address && entry.port === port,
    );
  const expected = { pid: process.pid, process: self, exe: process.execPath, user };
  const pick = (entry: Inventory['listeners'][number] | undefined) =>
    entry && { pid: entry.pid, process: entry.process, exe: entry.exe, user: entry.user };
  assert.deepEqual(pick(find('tcp', '127.0.0.1', tcp4Port)), expected);
  assert.deepEqual(pick(find('udp', '127.0.0.1', udpPort)), expected);
  if (tcp6Port !== null) assert.deepEqual(pick(find('tcp', '::1', tcp6Port)), expected);

  const me = inventory.processes.find((entry) => entry.pid === process.pid);
  assert.equal(me?.ppid, process.ppid);
  assert.equal(me.user, user);
  assert.ok(me.cmdline.includes('collect-host.test.ts'));
});

test('PostgreSQL on port 5432 is found', linux, async (t) => {
  const reachable = await Promise.all(['127.0.0.1', '::1'].map((host) => accepts(host, 5432)));
  if (!reachable.includes(true)) {
    const reason = 'nothing accepts connections on port 5432';
    if (process.env.CI === 'true') assert.fail(`CI requires PostgreSQL: ${reason}`);
    t.skip(reason);
    return;
  }
  const postgres = inventory.listeners.filter((entry) => entry.protocol === 'tcp' && entry.port === 5432);
  assert.ok(postgres.length > 0, 'a TCP listener on 5432');
  for (const entry of postgres) {
    assert.ok(['127.0.0.1', '::1', '0.0.0.0', '::'].includes(entry.address), entry.address);
    if (entry.pid !== undefined) assert.match(entry.process ?? '', /postgres/);
  }
});

test('the root user has uid 0', linux, () => {
  assert.equal(inventory.users.find((user) => user.name === 'root')?.uid, 0);
});

test(
  'dpkg packages match dpkg-query, and libc6 comes from glibc',
  needs('dpkg-query', 'Debian hosts'),
  async () => {
    const { stdout } = await run('dpkg-query', ['-W', '-f=${Status}\\n'], { maxBuffer: 64 * 1024 * 1024 });
    const expected = stdout.split('\n').filter((line) => line.startsWith('install ok installed')).length;
    const dpkg = inventory.packages.filter((entry) => entry.manager === 'dpkg');
    assert.equal(dpkg.length, expected);
    const libc6 = dpkg.find((entry) => entry.name === 'libc6');
    assert.equal(libc6?.source, 'glibc');
    assert.match(libc6.version, /^2\./);
  },
);

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
