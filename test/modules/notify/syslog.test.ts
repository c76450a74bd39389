import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createServer as createTlsServer } from 'node:tls';
import { createNotifier } from '../../../src/modules/notify/create-notifier.ts';
import type { AlertNotice } from '../../../src/modules/notify/alert-notice.ts';
import type { NotifyChannel } from '../../../src/protocol/notify-config.ts';
import { loadOrCreateServerPki } from '../../../src/modules/pki/server-pki.ts';
import { fixedClock } from '../../../src/platform/clock.ts';
import { captureLogger, channel, hostile, notice, waitFor } from './notify-fixtures.ts';

const now = new Date('2026-03-01T10:02:00Z');

const hostileNotice = notice({
  rule: { ...notice().rule, id: hostile, title: hostile },
  entities: { srcIp: '203.0.113.9', user: hostile, host: 'web-1' },
  url: 'https://vigil.example.com/alerts/al_1?tab=evidence',
  evidence: [hostile],
});

/*
 * Written out by hand from the CEF spec: in the header `|` and `\` are escaped
 * and the line break becomes a space; in extension values `\`, `=` and the
 * line break are escaped, and `|` is left alone.
 */
const expectedCef = String.raw`CEF:0|Vigil|Vigil|1.2.3|a\|b=c\\d INJECT|a\|b=c\\d INJECT|8|rt=1772359290000 start=1772359200000 end=1772359290000 cnt=8 externalId=al_1 act=created src=203.0.113.9 duser=a|b\=c\\d\nINJECT dhost=web-1 cs1Label=tags cs1=attack.credential-access,attack.t1110.001,ssh cs2Label=attack cs2=T1110.001,credential-access cs3Label=url cs3=https://vigil.example.com/alerts/al_1?tab\=evidence msg=a|b\=c\\d\nINJECT`;
// local0 (16) * 8 + err (3, for high)
const expectedMessage = `<131>1 2026-03-01T10:02:00.000Z vigil-test vigil - alert.created - ${expectedCef}`;

function notifierFor(t: TestContext, channels: NotifyChannel[]) {
  const log = captureLogger();
  const notifier = createNotifier(channels, {
    logger: log.logger,
    version: '1.2.3',
    clock: fixedClock(now),
    hostname: 'vigil-test',
  });
  t.after(() => notifier.close());
  return { notifier, log };
}

async function udpReceiver(t: TestContext): Promise<{ port: number; datagrams: Buffer[] }> {
  const socket = createSocket('udp4');
  const datagrams: Buffer[] = [];
  socket.on('message', (message) => datagrams.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return { port: socket.address().port, datagrams };
}

/** RFC 6587 octet counting, read back independently: `<length> <message>` over and over. */
function frameReader(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const space = buffer.indexOf(0x20);
      if (space < 0) return;
      const length = Number(buffer.subarray(0, space).toString('ascii'));
      assert.ok(Number.isInteger(length) && length > 0, 'a frame starts with its length');
      if (buffer.length < space + 1 + length) return;
      onFrame(buffer.subarray(space + 1, space + 1 + length));
      buffer = buffer.subarray(space + 1 + length);
    }
  };
}

async function streamReceiver(
  t: TestContext,
  server: Server,
  connectionEvent: 'connection' | 'secureConnection',
): Promise<{ port: number; frames: Buffer[]; sockets: Socket[] }> {
  const frames: Buffer[] = [];
  const sockets: Socket[] = [];
  server.on(connectionEvent, (socket: Socket) => {
    sockets.push(socket);
    socket.on(
      'data',
      frameReader((frame) => frames.push(frame)),
    );
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    sockets.forEach((socket) => socket.destroy());
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as AddressInfo).port, frames, sockets };
}

/** Sends one notice to a UDP channel on a real socket and returns the datagram it got. */
async function overUdp(
  t: TestContext,
  settings: Record<string, unknown>,
  sent: AlertNotice,
): Promise<Buffer> {
  const { port, datagrams } = await udpReceiver(t);
  const { notifier } = notifierFor(t, [
    channel({ name: 'siem', type: 'syslog', host: '127.0.0.1', port, transport: 'udp', ...settings }),
  ]);
  notifier.notify(sent);
  await waitFor(() => datagrams.length === 1, 'the datagram');
  return datagrams[0]!;
}

test('UDP: one RFC 5424 datagram with CEF escaped exactly as the spec says', async (t) => {
  assert.equal((await overUdp(t, {}, hostileNotice)).toString('utf8'), expectedMessage);
});

test('UDP: the facility and severity make the PRI; evidence is trimmed to the size, newest kept', async (t) => {
  const evidence = Array.from(
    { length: 30 },
    (_, i) => `line ${i} key=value\\path ünïcödé ${'x'.repeat(60)}`,
  );
  const message = await overUdp(
    t,
    { facility: 'auth', maxMessageBytes: 900, minSeverity: 'informational' },
    notice({ rule: { ...notice().rule, severity: 'critical' }, evidence }),
  );
  const text = message.toString('utf8');
  assert.ok(text.startsWith('<34>1 '), 'auth (4) * 8 + crit (2)');
  assert.ok(text.includes('|SSH brute force from one source|10|'), 'critical is CEF 10');
  assert.ok(message.length <= 900, `${message.length} bytes`);
  const msg = text.slice(text.indexOf(' msg=') + 5);
  assert.ok(
    msg.endsWith(String.raw`line 29 key\=value\\path ünïcödé ${'x'.repeat(60)}`),
    'the newest line is whole',
  );
  assert.ok(!msg.includes('line 0 '), 'the oldest lines gave way');
});

test('UDP: rfc5424-json carries the webhook body as one JSON line', async (t) => {
  const text = (await overUdp(t, { format: 'rfc5424-json' }, hostileNotice)).toString('utf8');
  const prefix = '<131>1 2026-03-01T10:02:00.000Z vigil-test vigil - alert.created - ';
  assert.ok(text.startsWith(prefix));
  assert.ok(!text.includes('\n'), 'one line');
  const body = JSON.parse(text.slice(prefix.length)) as {
    type: string;
    finding: { class_uid: number; evidences: { user: { name: string }; data: { raw_lines: string[] } }[] };
  };
  assert.equal(body.type, 'alert.created');
  assert.equal(body.finding.class_uid, 2004);
  assert.equal(body.finding.evidences[0]!.user.name, hostile);
  assert.deepEqual(body.finding.evidences[0]!.data.raw_lines, [hostile]);
});

test('TCP: octet-counted frames on one connection, and a new one after the receiver hangs up', async (t) => {
  const receiver = await streamReceiver(t, createTcpServer(), 'connection');
  const { notifier } = notifierFor(t, [
    channel({ name: 'siem', type: 'syslog', host: '127.0.0.1', port: receiver.port, retryDelayMs: 10 }),
  ]);
  notifier.notify(hostileNotice);
  notifier.notify({ ...hostileNotice, outcome: 'reopened' });
  await waitFor(() => receiver.frames.length === 2, 'two frames');
  assert.equal(receiver.frames[0]!.toString('utf8'), expectedMessage);
  assert.equal(
    receiver.frames[1]!.toString('utf8'),
    expectedMessage.replace(' alert.created ', ' alert.reopened ').replace('act=created', 'act=reopened'),
  );
  assert.equal(receiver.sockets.length, 1, 'one connection for both');

  // Receivers close idle senders; the next notice must open a new connection, not vanish.
  const [first] = receiver.sockets;
  await new Promise<void>((resolve) => {
    first!.once('close', () => resolve());
    first!.end();
  });
  notifier.notify(hostileNotice);
  await waitFor(() => receiver.frames.length === 3, 'the frame after reconnecting');
  assert.equal(receiver.sockets.length, 2);
  assert.equal(receiver.frames[2]!.toString('utf8'), expectedMessage);
  assert.equal(notifier.stats().siem?.sent, 3);
});

test('TLS: frames reach a receiver whose CA is configured; an untrusted one gets nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-notify-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pki = loadOrCreateServerPki({ dir: join(dir, 'pki'), hostnames: ['127.0.0.1'], now: new Date() });
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, pki.caCertPem);
  const receiver = await streamReceiver(
    t,
    createTlsServer({ key: pki.keyPem, cert: pki.certPem }),
    'secureConnection',
  );
  const { notifier } = notifierFor(t, [
    channel({
      name: 'trusted',
      type: 'syslog',
      host: '127.0.0.1',
      port: receiver.port,
      transport: 'tls',
      caFile,
    }),
    channel({
      name: 'untrusted',
      type: 'syslog',
      host: '127.0.0.1',
      port: receiver.port,
      transport: 'tls',
      retries: 0,
    }),
  ]);
  notifier.notify(hostileNotice);
  await waitFor(
    () => notifier.stats().trusted?.sent === 1 && notifier.stats().untrusted?.failed === 1,
    'one delivery and one refusal',
  );
  await waitFor(() => receiver.frames.length === 1, 'the frame');
  assert.equal(receiver.frames[0]!.toString('utf8'), expectedMessage);
});
