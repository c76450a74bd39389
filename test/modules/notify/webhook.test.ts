import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { createNotifier } from '../../../src/modules/notify/create-notifier.ts';
import { fixedClock } from '../../../src/platform/clock.ts';
import { captureLogger, channel, hostile, notice, waitFor } from './notify-fixtures.ts';

const secret = 'whsec_0123456789abcdef0123456789';
const pathToken = 'T0KEN-in-the-path';
const toleranceSeconds = 300;

interface WebhookBody {
  version: number;
  id: string;
  type: string;
  time: string;
  finding: {
    class_uid: number;
    type_uid: number;
    severity_id: number;
    status: string;
    count: number;
    finding_info: unknown;
    attacks: unknown;
    metadata: { labels: string[] };
    evidences: { user: { name: string }; data: { raw_lines: string[] } }[];
  };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/*
 * What a receiver does, written from the docs rather than from Vigil's code:
 * HMAC-SHA256 over "<t>.<raw body>", compared in constant time, and a
 * timestamp older than the tolerance refused so a captured request cannot be replayed.
 */
function verify(request: Received, nowMs: number): 'ok' | 'bad signature' | 'too old' {
  const header = String(request.headers['x-vigil-signature']);
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const expected = createHmac('sha256', secret)
    .update(`${parts.get('t')}.${request.body}`)
    .digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad signature';
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > toleranceSeconds) return 'too old';
  return 'ok';
}

/** A real HTTP receiver on loopback; `answer` decides each response (it may hold it open). */
async function receiver(
  t: TestContext,
  answer: (request: Received, response: ServerResponse, index: number) => void,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      answer(request, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/${pathToken}`, received };
}

const webhook = (url: string, extra: Record<string, unknown> = {}) =>
  channel({ name: 'soc', type: 'webhook', url, secret, retryDelayMs: 10, ...extra });

test('the body is a signed OCSF Detection Finding that a receiver verifies; a replay later is refused', async (t) => {
  const clock = fixedClock(new Date('2026-03-01T10:02:00Z'));
  const { url, received } = await receiver(t, (request, res) => {
    res.statusCode = verify(request, clock.now().getTime()) === 'ok' ? 204 : 401;
    res.end();
  });
  const log = captureLogger();
  const notifier = createNotifier([webhook(url, { headers: { Authorization: 'Bearer receiver-token' } })], {
    logger: log.logger,
    version: '1.2.3',
    clock,
  });
  t.after(() => notifier.close());

  notifier.notify(notice({ entities: { srcIp: '203.0.113.9', user: hostile }, evidence: [hostile] }));
  await waitFor(() => notifier.stats().soc?.sent === 1, 'delivery');

  const [request] = received;
  assert.ok(request);
  assert.equal(verify(request, clock.now().getTime()), 'ok');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers.authorization, 'Bearer receiver-token');
  assert.equal(request.headers['user-agent'], 'Vigil/1.2.3');
  assert.match(String(request.headers['x-vigil-signature']), /^t=1772359320,v1=[0-9a-f]{64}$/);

  const body = JSON.parse(request.body) as WebhookBody;
  assert.equal(body.version, 1);
  assert.equal(body.type, 'alert.created');
  assert.equal(body.id, request.headers['x-vigil-event-id']);
  assert.equal(body.time, '2026-03-01T10:02:00.000Z');
  const finding = body.finding;
  assert.equal(finding.class_uid, 2004);
  assert.equal(finding.type_uid, 200401);
  assert.equal(finding.severity_id, 4);
  assert.equal(finding.status, 'New');
  assert.equal(finding.count, 8);
  assert.deepEqual(finding.finding_info, {
    uid: 'al_1',
    title: 'SSH brute force from one source',
    first_seen_time: Date.parse('2026-03-01T10:00:00Z'),
    last_seen_time: Date.parse('2026-03-01T10:01:30Z'),
    analytic: { uid: 'ssh-brute-force', name: 'SSH brute force from one source', type: 'Rule', type_id: 1 },
    src_url: 'https://vigil.example.com/alerts/al_1',
  });
  assert.deepEqual(finding.attacks, [
    { technique: { uid: 'T1110.001' } },
    { tactic: { name: 'credential-access' } },
  ]);
  assert.deepEqual(finding.metadata.labels, ['attack.credential-access', 'attack.t1110.001', 'ssh']);
  // JSON carries hostile text exactly: it is data, not syntax.
  const [evidence] = finding.evidences;
  assert.equal(evidence?.user.name, hostile);
  assert.deepEqual(evidence.data.raw_lines, [hostile]);

  // A tampered body fails the check.
  assert.equal(
    verify({ ...request, body: request.body.replace('al_1', 'al_2') }, clock.now().getTime()),
    'bad signature',
  );

  // Someone who captured the request replays it ten minutes later, byte for byte.
  clock.advance(10 * 60_000);
  const replay = await fetch(url, {
    method: 'POST',
    headers: request.headers as Record<string, string>,
    body: request.body,
  });
  assert.equal(replay.status, 401);

  assert.ok(!log.text().includes(secret), 'the signing secret is never logged');
  assert.ok(!log.text().includes('receiver-token'), 'header secrets are never logged');
  assert.ok(!log.text().includes(pathToken), 'URLs, which often carry tokens, are never logged');
});

test('a 500 is retried with the same event id, then succeeds', async (t) => {
  const { url, received } = await receiver(t, (_request, res, index) => {
    res.statusCode = index === 0 ? 500 : 200;
    res.end();
  });
  const log = captureLogger();
  const notifier = createNotifier([webhook(url)], { logger: log.logger, version: '1.2.3' });
  t.after(() => notifier.close());

  notifier.notify(notice());
  await waitFor(() => notifier.stats().soc?.sent === 1, 'delivery after a retry');
  assert.equal(received.length, 2);
  assert.equal(received[0]!.headers['x-vigil-event-id'], received[1]!.headers['x-vigil-event-id']);
  assert.deepEqual(notifier.stats().soc, { queued: 0, sent: 1, failed: 0, dropped: 0 });
  const retried = log.lines().find((line) => line.msg === 'notification failed; retrying');
  assert.equal(retried?.reason, 'HTTP 500');
});

test('a 4xx refusal is not retried; a receiver that never answers times out and is retried', async (t) => {
  const { url, received } = await receiver(t, (request, res) => {
    const kind = (JSON.parse(request.body) as { finding: { finding_info: { uid: string } } }).finding
      .finding_info.uid;
    if (kind === 'refused') {
      res.statusCode = 400;
      res.end();
    } else if (received.filter((r) => r.body.includes('"slow"')).length === 1) {
      // The first attempt for "slow" gets no answer at all.
    } else {
      res.end();
    }
  });
  const notifier = createNotifier([webhook(url, { timeoutMs: 200, retries: 2 })], {
    logger: captureLogger().logger,
    version: '1.2.3',
  });
  t.after(() => notifier.close());

  notifier.notify(notice({ alertId: 'refused' }));
  notifier.notify(notice({ alertId: 'slow' }));
  await waitFor(() => notifier.stats().soc?.sent === 1, 'the slow one after its timeout');
  assert.deepEqual(notifier.stats().soc, { queued: 0, sent: 1, failed: 1, dropped: 0 });
  assert.equal(received.filter((r) => r.body.includes('"refused"')).length, 1);
  assert.equal(received.filter((r) => r.body.includes('"slow"')).length, 2);
});

test('a full queue drops new notices at once, counts them and logs once, and notify never waits', async (t) => {
  const held: ServerResponse[] = [];
  const { url, received } = await receiver(t, (_request, res) => held.push(res));
  const log = captureLogger();
  const notifier = createNotifier([webhook(url, { queueSize: 3, timeoutMs: 10_000 })], {
    logger: log.logger,
    version: '1.2.3',
  });
  t.after(() => notifier.close());

  const started = performance.now();
  for (let i = 0; i < 10; i += 1) notifier.notify(notice({ alertId: `al_${i}` }));
  assert.ok(performance.now() - started < 50, 'notify returns without waiting for the receiver');
  // One is being sent, three wait, six are turned away.
  assert.deepEqual(notifier.stats().soc, { queued: 3, sent: 0, failed: 0, dropped: 6 });
  const drops = log
    .lines()
    .filter((line) => line.level === 50 && String(line.msg).startsWith('notification queue full'));
  assert.equal(drops.length, 1, 'reported once, not once per notice');
  assert.equal(drops[0]?.queueSize, 3);

  await waitFor(() => held.length === 1, 'the first request');
  const release = setInterval(() => held.splice(0).forEach((res) => res.end()), 10);
  t.after(() => clearInterval(release));
  await waitFor(() => notifier.stats().soc?.sent === 4, 'the queued ones after the receiver recovers');
  assert.deepEqual(
    received.map(
      (r) => (JSON.parse(r.body) as { finding: { finding_info: { uid: string } } }).finding.finding_info.uid,
    ),
    ['al_0', 'al_1', 'al_2', 'al_3'],
  );
});

test('test(channel) sends one test event now and rejects with the reason when it fails', async (t) => {
  const { url, received } = await receiver(t, (request, res) => {
    res.statusCode = received.length === 1 ? 200 : 503;
    res.end();
  });
  const notifier = createNotifier([webhook(url)], { logger: captureLogger().logger, version: '1.2.3' });
  t.after(() => notifier.close());

  await notifier.test('soc');
  const body = JSON.parse(received[0]!.body) as { type: string; finding: { severity: string } };
  assert.equal(body.type, 'test');
  assert.equal(body.finding.severity, 'Informational');
  await assert.rejects(notifier.test('soc'), /HTTP 503/);
  assert.equal(received.length, 2, 'a test is sent once, without retries');
  await assert.rejects(notifier.test('nope'), /no notification channel named "nope"/);
});
