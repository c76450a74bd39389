import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { AppError } from '../../src/platform/errors.ts';
import type { StoredEvent } from '../../src/protocol/agents.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { describeEachDialect, type TestDatabase } from '../helpers/test-database.ts';
import { needs } from '../helpers/requirements.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const localhost = { host: '127.0.0.1', port: 0 };

/** Sends from `from`, a loopback address, so each test sees only its own events. */
async function sendUdp(port: number, message: string | Buffer, from = '127.0.0.1'): Promise<void> {
  const ipv6 = from.includes(':');
  const socket = createSocket(ipv6 ? 'udp6' : 'udp4');
  await new Promise<void>((resolve) => socket.bind(0, from, resolve));
  await new Promise<void>((resolve, reject) =>
    socket.send(message, port, ipv6 ? '::1' : '127.0.0.1', (error) => (error ? reject(error) : resolve())),
  );
  socket.close();
}

/** Writes each piece as its own TCP segment, as far as the network lets us. */
async function sendTcp(port: number, pieces: (string | Buffer)[], from = '127.0.0.1'): Promise<Socket> {
  const ipv6 = from.includes(':');
  const socket = connect({ port, host: ipv6 ? '::1' : '127.0.0.1', localAddress: from, noDelay: true });
  await once(socket, 'connect');
  for (const piece of pieces) {
    socket.write(piece);
    await sleep(20);
  }
  return socket;
}

function closed(socket: Socket): Promise<void> {
  return socket.closed ? Promise.resolve() : once(socket, 'close').then(() => undefined);
}

/** The sender's events, oldest first, once there are at least `count` of them. */
async function eventsOf(admin: ApiClient, sender: string, count: number): Promise<StoredEvent[]> {
  const path = `/api/agents/${encodeURIComponent(`syslog:${sender}`)}/events?limit=500`;
  const deadline = Date.now() + 5000;
  for (;;) {
    const response = await admin.request<{ events: StoredEvent[] }>('GET', path);
    assert.equal(response.status, 200);
    if (response.body.events.length >= count || Date.now() > deadline) return response.body.events.reverse();
    await sleep(50);
  }
}

function portOf(address: { port: number } | undefined): number {
  assert.ok(address, 'the listener is up');
  return address.port;
}

describeEachDialect('syslog receiver', (_dialect, fresh) => {
  let server: RunningServer;
  let admin: ApiClient;
  let udpPort: number;
  let tcpPort: number;

  before(async () => {
    server = await startTestServer(await fresh(), {
      syslog: { udp: localhost, tcp: localhost, maxMessageBytes: 1024 },
    });
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    udpPort = portOf(server.syslog?.udp);
    tcpPort = portOf(server.syslog?.tcp);
  });
  after(() => server.close());

  test('a UDP message is stored with its raw line and parsed fields', async () => {
    const line =
      '<134>1 2026-03-01T08:00:00.250+01:00 fw-edge filterlog 4242 FW1 [meta@32473 rule="12" action="block"] \uFEFFblocked 203.0.113.9';
    await sendUdp(udpPort, `${line}\n`);
    const [event] = await eventsOf(admin, '127.0.0.1', 1);
    assert.ok(event);
    assert.match(event.id, /^[A-Za-z0-9_.:-]{8,128}$/);
    assert.deepEqual(
      { kind: event.kind, source: event.source, time: event.time, agentId: event.agentId },
      { kind: 'log', source: 'syslog', time: '2026-03-01T07:00:00.250Z', agentId: 'syslog:127.0.0.1' },
    );
    assert.deepEqual(event.data, {
      line,
      sender: '127.0.0.1',
      transport: 'udp',
      facility: 16,
      severity: 6,
      time: '2026-03-01T07:00:00.250Z',
      hostname: 'fw-edge',
      appName: 'filterlog',
      procId: '4242',
      msgId: 'FW1',
      structuredData: { 'meta@32473': { rule: '12', action: 'block' } },
      message: 'blocked 203.0.113.9',
      format: 'rfc5424',
    });
  });

  test('TCP: octet-counted and LF-framed messages in one connection, split across chunks', async () => {
    const rfc5424 = '<34>1 2026-03-01T10:00:00Z fw1 sshd 77 - - Failed password for root';
    const rfc3164 = '<38>Mar  1 10:00:01 fw1 sshd[77]: Accepted publickey for deploy';
    const split = 'Mar  1 10:00:02 fw1 kernel: a message in three pieces';
    const socket = await sendTcp(
      tcpPort,
      [
        `${Buffer.byteLength(rfc5424)} ${rfc5424}${rfc3164}\n${split.slice(0, 10)}`,
        split.slice(10, 30),
        `${split.slice(30)}\r\n`,
      ],
      '127.0.0.2',
    );
    socket.end();
    const events = await eventsOf(admin, '127.0.0.2', 3);
    assert.deepEqual(
      events.map((event) => [event.data.line, event.data.transport, event.data.format, event.data.appName]),
      [
        [rfc5424, 'tcp', 'rfc5424', 'sshd'],
        [rfc3164, 'tcp', 'rfc3164', 'sshd'],
        [split, 'tcp', 'rfc3164', 'kernel'],
      ],
    );
    assert.deepEqual(
      [events[1]?.data.facility, events[1]?.data.severity, events[1]?.data.procId, events[1]?.data.hostname],
      [4, 6, '77', 'fw1'],
    );
    assert.equal(events[0]?.time, '2026-03-01T10:00:00.000Z');
  });

  test('an oversized frame closes the connection, and nothing of it is stored', async () => {
    const lineFramed = await sendTcp(
      tcpPort,
      ['<13>before the big one\n', 'x'.repeat(600), 'y'.repeat(600)],
      '127.0.0.3',
    );
    await closed(lineFramed);
    const counted = await sendTcp(tcpPort, ['5000 <13>1 - - - - - - '], '127.0.0.3');
    await closed(counted);
    await sendUdp(udpPort, 'z'.repeat(1500), '127.0.0.3');
    await sendUdp(udpPort, '<13>after', '127.0.0.3');
    await eventsOf(admin, '127.0.0.3', 2);
    // Longer than a batch takes: a piece of the refused frames stored late would show now.
    await sleep(300);
    assert.deepEqual(
      (await eventsOf(admin, '127.0.0.3', 2)).map((event) => event.data.line),
      ['<13>before the big one', '<13>after'],
    );
    const metrics = await new ApiClient(server.url).request<string>('GET', '/metrics');
    assert.match(metrics.body, /vigil_syslog_messages_dropped_total\{transport="tcp",reason="oversized"\} 2/);
    assert.match(metrics.body, /vigil_syslog_messages_dropped_total\{transport="udp",reason="oversized"\} 1/);
    assert.match(metrics.body, /vigil_syslog_messages_received_total\{transport="udp"\} \d+/);
  });

  test('a sender without a year or time gets the receive time', async () => {
    const before = Date.now();
    await sendUdp(udpPort, 'no header at all', '127.0.0.4');
    const [event] = await eventsOf(admin, '127.0.0.4', 1);
    assert.equal(event?.data.format, 'unknown');
    assert.equal(event.data.message, 'no header at all');
    assert.ok(Date.parse(event.time) >= before - 1000 && Date.parse(event.time) <= Date.now());
  });
});

describeEachDialect('syslog receiver lifecycle', (_dialect, fresh) => {
  let testDb: TestDatabase;
  before(async () => {
    testDb = await fresh();
  });

  test('off by default', async () => {
    const server = await startTestServer(testDb);
    assert.equal(server.syslog, undefined);
    await server.close();
  });

  test('close stops the listeners and stores what was buffered', async () => {
    const server = await startTestServer(testDb, { syslog: { udp: localhost, tcp: localhost } });
    const udpPort = portOf(server.syslog?.udp);
    const tcpPort = portOf(server.syslog?.tcp);
    const open = await sendTcp(tcpPort, ['<13>held open\n']);
    await sendUdp(udpPort, '<13>last words', '127.0.0.5');
    await sleep(20);
    await server.close();
    await closed(open);
    // The ports are free again: nothing of the receiver is left listening.
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(udpPort, '127.0.0.1', resolve));
    udp.close();
    const tcp = createServer().listen(tcpPort, '127.0.0.1');
    await once(tcp, 'listening');
    tcp.close();
    // Stored before close returned; read through a second handle, the server's is closed.
    const reader = testDb.reopen();
    const lines = await reader.db
      .selectFrom('events')
      .select(['agent_id', 'data'])
      .where('source', '=', 'syslog')
      .execute();
    await reader.close();
    assert.deepEqual(
      lines.map((row) => [row.agent_id, (JSON.parse(row.data) as { line: string }).line]).sort(),
      [
        ['syslog:127.0.0.1', '<13>held open'],
        ['syslog:127.0.0.5', '<13>last words'],
      ],
    );
  });

  test('a port already in use is a clear startup error, and nothing is left open', async () => {
    const taken = createSocket('udp4');
    await new Promise<void>((resolve) => taken.bind(0, '127.0.0.1', resolve));
    const port = taken.address().port;
    try {
      await assert.rejects(
        startTestServer(testDb, { syslog: { tcp: localhost, udp: { host: '127.0.0.1', port } } }),
        (error: unknown) =>
          error instanceof AppError &&
          error.code === 'config_invalid' &&
          error.message === `syslog.udp: cannot listen on 127.0.0.1:${port}: the address is already in use`,
      );
    } finally {
      taken.close();
    }
    const server = await startTestServer(testDb, { syslog: { udp: { host: '127.0.0.1', port } } });
    assert.equal(server.syslog?.udp?.port, port);
    await server.close();
  });

  test('IPv4 senders to a dual-stack listener are named by their IPv4 address', async (t) => {
    const probe = createServer().listen(0, '::1');
    const ipv6 = await Promise.race([
      once(probe, 'listening').then(() => true),
      once(probe, 'error').then(() => false),
    ]);
    probe.close();
    if (!ipv6) {
      t.skip('this host has no IPv6 loopback');
      return;
    }
    const server = await startTestServer(testDb, {
      syslog: { udp: { host: '::', port: 0 }, tcp: { host: '::', port: 0 } },
    });
    const admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    await sendUdp(portOf(server.syslog?.udp), '<13>over IPv4', '127.0.0.6');
    (await sendTcp(portOf(server.syslog?.tcp), ['<13>over IPv6\n'], '::1')).end();
    assert.equal((await eventsOf(admin, '127.0.0.6', 1))[0]?.data.line, '<13>over IPv4');
    assert.equal((await eventsOf(admin, '::1', 1))[0]?.data.line, '<13>over IPv6');
    await server.close();
  });

  test(
    'what util-linux logger sends, over UDP and TCP, in both formats',
    needs('logger', 'a real syslog sender'),
    async () => {
      const server = await startTestServer(await fresh(), { syslog: { udp: localhost, tcp: localhost } });
      const admin = new ApiClient(server.url);
      await admin.login('admin', adminPassword);
      const send = (port: number, ...args: string[]) =>
        execFileSync('logger', ['-n', '127.0.0.1', '-P', String(port), ...args]);
      send(
        portOf(server.syslog?.udp),
        '-d',
        '--rfc5424',
        '-t',
        'myapp',
        '--sd-id',
        'x@1',
        '--sd-param',
        'a="b\\"c"',
        'over UDP',
      );
      send(portOf(server.syslog?.tcp), '-T', '--octet-count', '--rfc3164', '-t', 'sshd', 'octet-counted');
      send(portOf(server.syslog?.tcp), '-T', '--rfc5424', '-t', 'cron', 'LF-framed');
      const events = await eventsOf(admin, '127.0.0.1', 3);
      await server.close();
      const byMessage = new Map(events.map((event) => [event.data.message, event.data]));
      assert.deepEqual(
        ['over UDP', 'octet-counted', 'LF-framed'].map((message) => {
          const data = byMessage.get(message);
          return [data?.transport, data?.format, data?.appName];
        }),
        [
          ['udp', 'rfc5424', 'myapp'],
          ['tcp', 'rfc3164', 'sshd'],
          ['tcp', 'rfc5424', 'cron'],
        ],
      );
      assert.deepEqual((byMessage.get('over UDP')?.structuredData as Record<string, unknown>)['x@1'], {
        a: 'b"c',
      });
    },
  );
});
