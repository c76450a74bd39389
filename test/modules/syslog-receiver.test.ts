import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { createMetrics } from '../../src/modules/ops/metrics.ts';
import { listenSyslogTcp } from '../../src/modules/syslog/listen-syslog-tcp.ts';
import { startSyslogReceiver } from '../../src/modules/syslog/start-syslog-receiver.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { ConfigSchema } from '../../src/platform/config.ts';
import { systemRandom } from '../../src/platform/ids.ts';
import type { DB } from '../../src/store/schema.ts';

/** A database whose transactions wait until released, then fail: a database that lags, then breaks. */
function laggingDatabase() {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const db = {
    transaction: () => ({
      execute: () => released.then(() => Promise.reject(new Error('connection lost'))),
    }),
  } as unknown as Kysely<DB>;
  return { db, release };
}

test('a lagging, then failing database drops, counts and logs, and never throws', async () => {
  const logged: { level: number; msg: string; reason?: string; dropped?: number }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line) as never) });
  const metrics = createMetrics();
  const { db, release } = laggingDatabase();
  const config = ConfigSchema.parse({ syslog: { tcp: { host: '127.0.0.1', port: 0 } } }).syslog;
  const receiver = await startSyslogReceiver(config, {
    db,
    clock: systemClock,
    random: systemRandom,
    logger,
    metrics,
  });
  const socket = connect({ port: receiver.tcp?.port ?? 0, host: '127.0.0.1' });
  await once(socket, 'connect');
  const total = 20_300;
  socket.end(Array.from({ length: total }, (_, i) => `<13>message ${i}\n`).join(''));
  await once(socket, 'close');
  await sleep(50);
  release();
  await receiver.close();

  const value = async (reason: string) =>
    (await metrics.syslogDropped.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
  const received = (await metrics.syslogReceived.get()).values[0]?.value;
  assert.equal(received, total);
  // The buffer holds 20,000 messages, counting the batch being written; the rest are dropped.
  assert.equal(await value('buffer_full'), total - 20_000);
  assert.equal(await value('store_failed'), 20_000);
  const errors = logged.filter((entry) => entry.level === 50);
  assert.ok(errors.some((entry) => entry.reason === 'buffer_full' && /not keeping up/.test(entry.msg)));
  assert.ok(errors.some((entry) => entry.reason === 'store_failed'));
  assert.ok(errors.length < 10, `the log is rate-limited, not flooded (${errors.length} lines)`);
});

test('too many TCP connections: the extra ones are closed and counted', async () => {
  const metrics = createMetrics();
  const config = ConfigSchema.parse({
    syslog: { tcp: { host: '127.0.0.1', port: 0 }, maxConnections: 2 },
  }).syslog;
  const { db } = laggingDatabase();
  const receiver = await startSyslogReceiver(config, {
    db,
    clock: systemClock,
    random: systemRandom,
    logger: pino({ level: 'silent' }),
    metrics,
  });
  const open = async () => {
    const socket = connect({ port: receiver.tcp?.port ?? 0, host: '127.0.0.1' });
    await once(socket, 'connect');
    return socket;
  };
  const kept = [await open(), await open()];
  const refused = await open();
  await once(refused, 'close');
  assert.equal((await metrics.syslogConnectionsRefused.get()).values[0]?.value, 1);
  assert.ok(kept.every((socket) => !socket.closed));
  await receiver.close();
  await Promise.all(kept.filter((socket) => !socket.closed).map((socket) => once(socket, 'close')));
});

test('an idle TCP connection is closed; one that keeps sending is not', async () => {
  const frames: string[] = [];
  const listener = await listenSyslogTcp({
    host: '127.0.0.1',
    port: 0,
    maxMessageBytes: 1024,
    maxConnections: 10,
    idleTimeoutMs: 300,
    onMessage: (frame) => frames.push(frame.toString()),
    onOversized: () => assert.fail('nothing oversized was sent'),
    onRefused: () => assert.fail('nothing was refused'),
    logger: pino({ level: 'silent' }),
  });
  const open = async () => {
    const socket = connect({ port: listener.address.port, host: '127.0.0.1' });
    await once(socket, 'connect');
    return socket;
  };
  const idle = await open();
  const busy = await open();
  for (let i = 0; i < 10; i++) {
    busy.write(`<13>tick ${i}\n`);
    await sleep(50);
  }
  assert.equal(idle.closed, true);
  assert.equal(busy.closed, false);
  busy.end();
  await once(busy, 'close');
  await listener.close();
  assert.deepEqual(
    frames,
    Array.from({ length: 10 }, (_, i) => `<13>tick ${i}`),
  );
});
