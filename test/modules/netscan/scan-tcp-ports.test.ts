import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { handleConnector, socketConnector } from '../../../src/modules/netscan/connect-tcp.ts';
import { discoverHosts } from '../../../src/modules/netscan/discover-hosts.ts';
import { NetScanError, type NetScanErrorCode } from '../../../src/modules/netscan/net-scan-error.ts';
import { scanTcpPorts } from '../../../src/modules/netscan/scan-tcp-ports.ts';
import type { PortResult } from '../../../src/protocol/netscan.ts';
import { needs } from '../../helpers/requirements.ts';
import { needsNetns } from '../firewall/netns.ts';

const run = promisify(execFile);
const anywhere = () => true;
const isError = (code: NetScanErrorCode) => (error: unknown) =>
  error instanceof NetScanError && error.code === code;

/** Listens on a free loopback port; the port is closed again once `close` resolves. */
async function listen(host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** A port nothing listens on: bound once by the kernel's choice, then released. */
async function freePort(host = '127.0.0.1'): Promise<number> {
  const { server, port } = await listen(host);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const states = (results: PortResult[]) => results.map((r) => `${r.address}:${r.port} ${r.state} ${r.reason}`);

describe('TCP connect scan on loopback against real listeners', () => {
  const servers: Server[] = [];
  const open: number[] = [];
  const closed: number[] = [];

  before(async () => {
    for (const host of ['127.0.0.1', '127.0.0.1', '127.0.0.1', '::1']) {
      const { server, port } = await listen(host);
      servers.push(server);
      open.push(port);
    }
    for (let index = 0; index < 5; index += 1) closed.push(await freePort());
  });
  after(() => {
    for (const server of servers) server.close();
  });

  for (const [name, connector] of [
    ['libuv handles', handleConnector],
    ['net.Socket', socketConnector],
  ] as const)
    test(`exactly the listening ports are open (${name})`, { skip: connector === undefined }, async () => {
      const v4 = [...open.slice(0, 3), ...closed].sort((a, b) => a - b);
      const progress: [number, number, number][] = [];
      const results = await scanTcpPorts({
        addresses: ['127.0.0.1', '::1'],
        ports: [...v4, open[3] as number],
        inScope: anywhere,
        connector,
        onProgress: (done, total, probes) => progress.push([done, total, probes]),
      });
      const expected = (address: string, port: number) =>
        (address === '::1' ? port === open[3] : open.slice(0, 3).includes(port))
          ? `${address}:${port} open syn-ack`
          : `${address}:${port} closed conn-refused`;
      const ports = [...v4, open[3] as number];
      assert.deepEqual(
        states(results),
        ['127.0.0.1', '::1'].flatMap((address) =>
          [...ports].sort((a, b) => a - b).map((port) => expected(address, port)),
        ),
      );
      assert.ok(results.every((r) => r.transport === 'tcp' && typeof r.rttMs === 'number'));
      assert.deepEqual(progress.at(-1), [ports.length * 2, ports.length * 2, ports.length * 2]);
    });

  test('every port of loopback: our listeners open, the released ports closed, none filtered', async () => {
    const results = await scanTcpPorts({
      addresses: ['127.0.0.1'],
      ports: Array.from({ length: 65_535 }, (_, index) => index + 1),
      inScope: anywhere,
    });
    assert.equal(results.length, 65_535);
    const found = new Set(results.filter((r) => r.state === 'open').map((r) => r.port));
    for (const port of open.slice(0, 3)) assert.ok(found.has(port), `${port} open`);
    for (const port of closed) assert.ok(!found.has(port), `${port} closed`);
    assert.equal(results.filter((r) => r.state === 'filtered').length, 0);
  });

  test('split over threads: the same answers as on one, within the rate cap, counted across threads, stoppable', async () => {
    const ports = [...open, ...closed];
    const one = await scanTcpPorts({ addresses: ['127.0.0.1', '::1'], ports, inScope: anywhere });
    const progress: [number, number, number][] = [];
    const started = performance.now();
    // 30/s over three threads (10/s each): the workers start while this thread still has ports to take.
    const three = await scanTcpPorts({
      addresses: ['127.0.0.1', '::1'],
      ports,
      inScope: anywhere,
      threads: 3,
      ratePerSecond: 30,
      onProgress: (...counts) => progress.push(counts),
    });
    const elapsed = performance.now() - started;
    assert.deepEqual(states(three), states(one));
    assert.ok(elapsed > (ports.length * 2 - 3) * (1000 / 30) - 50, `${Math.round(elapsed)} ms`);
    assert.deepEqual(progress.at(-1), [ports.length * 2, ports.length * 2, ports.length * 2]);

    const controller = new AbortController();
    await assert.rejects(
      scanTcpPorts({
        addresses: ['127.0.0.1'],
        ports: Array.from({ length: 65_535 }, (_, index) => index + 1),
        inScope: anywhere,
        threads: 2,
        signal: controller.signal,
        onProgress: (done) => done > 1000 && controller.abort(),
      }),
      isError('aborted'),
    );
  });

  test('a rate cap paces attempts', async () => {
    const started = performance.now();
    const results = await scanTcpPorts({
      addresses: ['127.0.0.1'],
      ports: Array.from({ length: 60 }, (_, index) => 1 + index),
      inScope: anywhere,
      ratePerSecond: 100,
    });
    const elapsed = performance.now() - started;
    assert.equal(results.length, 60);
    // 60 attempts at 100/s with a 5-attempt burst take at least ~0.55 s.
    assert.ok(elapsed > 500 && elapsed < 5000, `${Math.round(elapsed)} ms`);
  });

  test('an abort stops the scan with code aborted', async () => {
    const controller = new AbortController();
    const scan = scanTcpPorts({
      addresses: ['127.0.0.1'],
      ports: Array.from({ length: 65_535 }, (_, index) => index + 1),
      inScope: anywhere,
      signal: controller.signal,
      onProgress: (done) => done > 1000 && controller.abort(),
    });
    await assert.rejects(scan, isError('aborted'));
    controller.abort();
    await assert.rejects(
      scanTcpPorts({ addresses: ['127.0.0.1'], ports: [1], inScope: anywhere, signal: controller.signal }),
      isError('aborted'),
    );
  });

  test('bad input and addresses outside the scope are refused before anything is sent', async () => {
    const scan = (options: Partial<Parameters<typeof scanTcpPorts>[0]>) =>
      scanTcpPorts({ addresses: ['127.0.0.1'], ports: [1], inScope: anywhere, ...options });
    await assert.rejects(scan({ addresses: ['localhost'] }), isError('bad-target'));
    await assert.rejects(scan({ addresses: ['127.0.0.0/8'] }), isError('bad-target'));
    // The unspecified addresses connect to this machine, whatever the predicate says.
    for (const address of ['0.0.0.0', '::', '::ffff:0.0.0.0'])
      await assert.rejects(scan({ addresses: [address] }), isError('bad-target'));
    await assert.rejects(scan({ ports: [0] }), isError('bad-ports'));
    await assert.rejects(scan({ ports: [1.5] }), isError('bad-ports'));
    await assert.rejects(scan({ inScope: (address) => address !== '127.0.0.1' }), isError('out-of-scope'));
    await assert.rejects(
      scan({
        addresses: Array.from({ length: 65 }, (_, i) => `127.0.0.${i + 1}`),
        ports: Array.from({ length: 65_535 }, (_, i) => i + 1),
      }),
      isError('too-many-probes'),
    );
    assert.deepEqual(await scan({ ports: [] }), []);
  });

  test('discovery: a refusal or an accept proves a host up', async () => {
    const hosts = await discoverHosts({
      addresses: ['127.0.0.1', '::1'],
      ports: [closed[0] as number, open[3] as number],
      inScope: anywhere,
      timeoutMs: 500,
    });
    assert.deepEqual(
      hosts.map(({ address, up }) => ({ address, up })),
      [
        { address: '127.0.0.1', up: true },
        { address: '::1', up: true },
      ],
    );
    // The quickest answer is the reason: on 127.0.0.1 both ports refuse, on ::1 one accepts.
    assert.match(hosts[0]?.reason ?? '', /^tcp\/\d+ conn-refused$/);
    assert.match(hosts[1]?.reason ?? '', /^tcp\/\d+ (syn-ack|conn-refused)$/);
  });

  test('discovery keeps to the rate cap', async () => {
    const started = performance.now();
    const hosts = await discoverHosts({
      addresses: Array.from({ length: 20 }, (_, index) => `127.0.0.${index + 1}`),
      ports: [closed[0] as number],
      inScope: anywhere,
      ratePerSecond: 20,
    });
    const elapsed = performance.now() - started;
    assert.ok(hosts.every((host) => host.up));
    // 20 attempts at 20/s, one at a time: about a second, not the few milliseconds loopback takes.
    assert.ok(elapsed > 800 && elapsed < 10_000, `${Math.round(elapsed)} ms`);
  });
});

describe(
  'loopback self-connects',
  needsNetns('a namespace whose only ephemeral port is the one scanned'),
  () => {
    test('a socket the kernel connects to itself is closed, not open', async () => {
      const name = `vigil-selfconn-${process.pid}`;
      await run('ip', ['netns', 'add', name]);
      try {
        await run('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
        await run('ip', [
          'netns',
          'exec',
          name,
          'sysctl',
          '-q',
          '-w',
          'net.ipv4.ip_local_port_range=40000 40000',
        ]);
        // In the namespace: a plain connect proves the kernel joins the socket to itself, then both connectors scan.
        const script = `
        import net from 'node:net';
        import { handleConnector, socketConnector } from './src/modules/netscan/connect-tcp.ts';
        import { scanTcpPorts } from './src/modules/netscan/scan-tcp-ports.ts';
        const self = await new Promise((resolve) => {
          const socket = net.connect({ host: '127.0.0.1', port: 40000 }, () => {
            resolve(socket.localPort === 40000 && socket.remotePort === 40000);
            socket.destroy();
          });
          socket.on('error', () => resolve(false));
        });
        const scans = [];
        for (const connector of [handleConnector, socketConnector].filter(Boolean))
          scans.push(await scanTcpPorts({ addresses: ['127.0.0.1'], ports: [40000], inScope: () => true, connector }));
        console.log(JSON.stringify({ self, states: scans.map((s) => s[0].state) }));`;
        const { stdout } = await run(
          'ip',
          ['netns', 'exec', name, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script],
          { cwd: new URL('../../..', import.meta.url).pathname },
        );
        const outcome = JSON.parse(stdout) as { self: boolean; states: string[] };
        assert.equal(outcome.self, true, 'the namespace did not reproduce a self-connect');
        assert.ok(outcome.states.length >= 1);
        for (const state of outcome.states) assert.equal(state, 'closed');
      } finally {
        await run('ip', ['netns', 'delete', name]);
      }
    });
  },
);

test(
  'out of file descriptors: the scan backs off and still decides every port',
  needs('prlimit', 'a low open-files limit'),
  async () => {
    // 40 descriptors for the whole process, 64 fresh attempts allowed at once: EMFILE is certain.
    const script = `
    import net from 'node:net';
    import { scanTcpPorts } from './src/modules/netscan/scan-tcp-ports.ts';
    const servers = await Promise.all([0, 0, 0].map(() => new Promise((resolve) => {
      const server = net.createServer((socket) => socket.destroy());
      server.listen(0, '127.0.0.1', () => resolve(server));
    })));
    const open = servers.map((server) => server.address().port);
    const results = await scanTcpPorts({
      addresses: ['127.0.0.1'],
      ports: [...open, ...Array.from({ length: 3000 }, (_, index) => 1 + index)],
      inScope: () => true,
      concurrency: 1024,
    });
    const found = new Set(results.filter((r) => r.state === 'open').map((r) => r.port));
    console.log(JSON.stringify({
      listenersOpen: open.every((port) => found.has(port)),
      filtered: results.filter((r) => r.state === 'filtered').length,
      decided: results.length,
    }));
    for (const server of servers) server.close();`;
    const { stdout } = await run(
      'prlimit',
      ['--nofile=40', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: new URL('../../..', import.meta.url).pathname },
    );
    assert.deepEqual(JSON.parse(stdout), { listenersOpen: true, filtered: 0, decided: 3003 });
  },
);
