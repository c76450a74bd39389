import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createNotifier } from '../../../src/modules/notify/create-notifier.ts';
import { wantsNotice } from '../../../src/modules/notify/wants-notice.ts';
import { captureLogger, channel, notice, waitFor } from './notify-fixtures.ts';

const base = { type: 'webhook', url: 'http://127.0.0.1:1/', secret: 'x'.repeat(32) } as const;

test('severity is a floor, high by default', () => {
  const byDefault = channel({ ...base, name: 'default' });
  const low = (severity: 'informational' | 'low' | 'medium' | 'high' | 'critical') =>
    notice({ rule: { ...notice().rule, severity } });
  assert.deepEqual(
    (['informational', 'low', 'medium', 'high', 'critical'] as const).map((s) =>
      wantsNotice(byDefault, low(s)),
    ),
    [false, false, false, true, true],
  );
  assert.ok(
    wantsNotice(channel({ ...base, name: 'all', minSeverity: 'informational' }), low('informational')),
  );
});

test('tags: the rule needs one of them, compared without case', () => {
  const ssh = channel({ ...base, name: 'ssh', tags: ['SSH', 'attack.t1078'] });
  assert.ok(wantsNotice(ssh, notice()));
  assert.ok(!wantsNotice(ssh, notice({ rule: { ...notice().rule, tags: ['web', 'attack.t1190'] } })));
  assert.ok(!wantsNotice(ssh, notice({ rule: { ...notice().rule, tags: [] } })));
});

test('updates only when asked; new and reopened alerts always', () => {
  const quiet = channel({ ...base, name: 'quiet' });
  const chatty = channel({ ...base, name: 'chatty', onUpdates: true });
  for (const outcome of ['created', 'reopened'] as const) assert.ok(wantsNotice(quiet, notice({ outcome })));
  assert.ok(!wantsNotice(quiet, notice({ outcome: 'updated' })));
  assert.ok(wantsNotice(chatty, notice({ outcome: 'updated' })));
});

test('a notifier sends each notice to exactly the channels that want it', async (t) => {
  const byPath = new Map<string, string[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        finding: { finding_info: { uid: string } };
      };
      byPath.set(req.url!, [...(byPath.get(req.url!) ?? []), body.finding.finding_info.uid]);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/${path}`;
  const notifier = createNotifier(
    [
      channel({
        ...base,
        name: 'everything',
        url: url('everything'),
        minSeverity: 'informational',
        onUpdates: true,
      }),
      channel({ ...base, name: 'critical', url: url('critical'), minSeverity: 'critical' }),
      channel({ ...base, name: 'web', url: url('web'), minSeverity: 'medium', tags: ['web'] }),
    ],
    { logger: captureLogger().logger, version: '1.2.3' },
  );
  t.after(() => notifier.close());

  const rule = notice().rule;
  notifier.notify(notice({ alertId: 'ssh-high' }));
  notifier.notify(notice({ alertId: 'ssh-critical', rule: { ...rule, severity: 'critical' } }));
  notifier.notify(notice({ alertId: 'web-medium', rule: { ...rule, severity: 'medium', tags: ['web'] } }));
  notifier.notify(notice({ alertId: 'web-low', rule: { ...rule, severity: 'low', tags: ['web'] } }));
  notifier.notify(
    notice({
      alertId: 'web-critical-update',
      outcome: 'updated',
      rule: { ...rule, severity: 'critical', tags: ['web'] },
    }),
  );

  const expected = {
    '/everything': ['ssh-high', 'ssh-critical', 'web-medium', 'web-low', 'web-critical-update'],
    '/critical': ['ssh-critical'],
    '/web': ['web-medium'],
  };
  const sent = () => Object.values(notifier.stats()).reduce((sum, stats) => sum + stats.sent, 0);
  await waitFor(() => sent() >= 7, 'every delivery');
  // Closing waits for anything still in flight, so a wrong extra delivery would show below.
  await notifier.close();
  assert.equal(sent(), 7);
  assert.deepEqual(Object.fromEntries(byPath), expected);
});
