import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, test } from 'node:test';
import { runNetworkScan } from '../../../src/modules/netaudit/run-network-scan.ts';
import type { ScanPhase } from '../../../src/protocol/netscan.ts';

/*
 * The orchestration on its own, against an in-process server that greets like SSH and hangs up
 * before its key exchange: identification calls it SSH, the SSH audit then fails, and the scan
 * carries on to a report that says so.
 */

let server: Server;
let port = 0;

before(async () => {
  server = createServer((socket) => {
    // Scanners reset connections they are done with.
    socket.on('error', () => undefined);
    socket.end('SSH-2.0-OpenSSH_9.2p1\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
after(() => server.close());

test('a check that fails on one endpoint is an error in the report, not the end of the scan', async () => {
  const phases: ScanPhase[] = [];
  const report = await runNetworkScan(
    {
      targets: ['127.0.0.1'],
      ports: String(port),
      scope: [],
      exclude: [],
      checks: ['ssh', 'exposure'],
      discovery: false,
      timeoutMs: 3000,
      now: () => new Date('2026-11-26T08:00:00Z'),
    },
    { onProgress: (p) => phases.at(-1) !== p.phase && phases.push(p.phase) },
  );
  assert.deepEqual(phases, ['resolve', 'ports', 'services', 'checks']);
  const [host] = report.hosts;
  assert.ok(host);
  assert.equal(host.upReason, 'target-given');
  assert.deepEqual(
    host.services.map((s) => [s.port, s.service]),
    [[port, 'ssh']],
  );
  assert.deepEqual(
    report.errors?.map((e) => [e.stage, e.address, e.port]),
    [['ssh', '127.0.0.1', port]],
  );
  const [error] = report.errors ?? [];
  assert.match(error?.message ?? '', /\S/);
  assert.deepEqual(host.ssh, []);
  assert.equal(report.startedAt, '2026-11-26T08:00:00.000Z');
});

test('the abort signal ends the scan', async () => {
  const controller = new AbortController();
  await assert.rejects(
    runNetworkScan(
      {
        targets: ['127.0.0.1'],
        ports: String(port),
        scope: [],
        exclude: [],
        checks: ['ssh'],
        discovery: false,
      },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'services') controller.abort(new Error('stop here'));
        },
      },
    ),
    { message: 'stop here' },
  );
});

test('bad input is refused before anything is sent', async () => {
  const request = { targets: ['127.0.0.1'], ports: '22', scope: [], exclude: [], checks: [] };
  await assert.rejects(runNetworkScan({ ...request, ports: '0-5' }), {
    name: 'NetScanError',
    code: 'bad-ports',
  });
  await assert.rejects(runNetworkScan({ ...request, targets: ['a b'] }), {
    name: 'NetScanError',
    code: 'bad-target',
  });
});

test('the unspecified address inside a range is left alone and named in the report', async () => {
  const report = await runNetworkScan({
    targets: ['::/127'],
    ports: String(port),
    scope: [],
    exclude: [],
    checks: [],
    discovery: false,
    timeoutMs: 3000,
  });
  assert.deepEqual(report.unspecified, ['::']);
  assert.deepEqual(
    report.hosts.map((h) => h.address),
    ['::1'],
  );
  assert.equal(report.stats.addresses, 1);
});
