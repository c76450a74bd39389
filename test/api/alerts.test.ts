import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAlertSink } from '../../src/modules/alerts/create-alert-sink.ts';
import { recordFinding, type RecordOutcome } from '../../src/modules/alerts/record-finding.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import type {
  Alert,
  AlertDetail,
  AlertNote,
  AlertPage,
  AlertSummary,
  AlertSuppression,
  AlertTimeline,
} from '../../src/protocol/alerts.ts';
import type { AuditEntry } from '../../src/protocol/audit.ts';
import type { Finding } from '../../src/protocol/finding.ts';
import type { Problem } from '../../src/protocol/problem.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { sshBruteForce } from '../helpers/ssh-findings.ts';
import { describeEachDialect, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const analystPassword = 'analyst-passphrase-42';
const auditorPassword = 'auditor-passphrase-42';
const minute = 60_000;
const hour = 60 * minute;
/** Log times in these tests are hours before the server's (fixed) clock. */
const t0 = Date.parse('2026-03-01T08:00:00.000Z');

function created(outcome: RecordOutcome): Alert {
  assert.notEqual(outcome.outcome, 'suppressed');
  assert.ok('alert' in outcome);
  return outcome.alert;
}

describeEachDialect('alerts', (dialect, fresh) => {
  let testDb: TestDatabase;
  let server: RunningServer;
  const clock = fixedClock(new Date('2026-03-01T12:00:00.000Z'));
  let analyst: ApiClient;
  let auditor: ApiClient;
  /** Each test uses its own addresses, so alerts from other tests never merge with its findings. */
  let nextNet = 1;
  const newIp = () => `198.51.100.${nextNet++}`;

  const record = (finding: Finding, options = {}) =>
    recordFinding(server.deps.database.db, finding, clock.now(), options);
  const detail = async (id: string) => (await analyst.request<AlertDetail>('GET', `/api/alerts/${id}`)).body;
  const list = async (query: string) =>
    (await analyst.request<AlertPage>('GET', `/api/alerts?${query}`)).body;

  async function audit(action: string): Promise<AuditEntry[]> {
    const page = await analyst.request<{ entries: AuditEntry[] }>('GET', '/api/audit?limit=200');
    return page.body.entries.filter((e) => e.action === action);
  }

  before(async () => {
    testDb = await fresh();
    // Sessions outlive the hour a suppression test moves the clock by.
    server = await startTestServer(testDb, { auth: { sessionIdleMinutes: 240 } }, { clock });
    const admin = new ApiClient(server.url);
    assert.equal((await admin.login('admin', adminPassword)).status, 200);
    for (const [username, role, password] of [
      ['analyst1', 'analyst', analystPassword],
      ['auditor1', 'auditor', auditorPassword],
    ]) {
      const response = await admin.request('POST', '/api/users', { username, role, password });
      assert.equal(response.status, 201, JSON.stringify(response.body));
    }
    analyst = new ApiClient(server.url);
    assert.equal((await analyst.login('analyst1', analystPassword)).status, 200);
    auditor = new ApiClient(server.url);
    assert.equal((await auditor.login('auditor1', auditorPassword)).status, 200);
  });
  after(() => server.close());

  test('a repeat inside the window updates the open alert, keeping the first and the latest evidence', async () => {
    const srcIp = newIp();
    const first = created(await record(sshBruteForce({ srcIp, start: t0, failures: 5 })));
    assert.equal(first.status, 'new');
    assert.equal(first.class_uid, 2004);
    assert.deepEqual(first.attacks, [
      { technique: { uid: 'T1110.001' }, tactic: { uid: 'TA0006', name: 'Credential Access' } },
    ]);
    assert.deepEqual(first.tags, [], 'ATT&CK tags are in attacks, not repeated in tags');
    assert.deepEqual(first.entities, { src_ip: srcIp, user: 'root', host: 'web1', agent_id: null });

    const repeat = sshBruteForce({ srcIp, start: t0 + 30 * minute, failures: 60, everyMs: 1000 });
    const outcome = await record(repeat);
    assert.equal(outcome.outcome, 'updated');
    const alert = await detail(first.id);
    assert.equal(alert.count, 65);
    assert.equal(alert.finding_info.first_seen_time, t0);
    assert.equal(alert.finding_info.last_seen_time, repeat.lastSeen);
    assert.deepEqual(
      alert.evidence.map((e) => e.seq),
      [...Array.from({ length: 10 }, (_, i) => i + 1), ...Array.from({ length: 40 }, (_, i) => i + 26)],
      'the first 10 and the latest 40 of 65',
    );
    assert.equal(alert.evidence_omitted, 15);
    const last = alert.evidence.at(-1);
    assert.equal(last?.raw_data, repeat.evidence.at(-1)?.raw_data);
    assert.match(last?.raw_data ?? '', /^Mar {2}1 08:30:59 web1 sshd\[\d+\]: Failed password for root from /);
    assert.equal(last?.event.class_uid, 3002);
    assert.equal(last.event.raw_data, undefined, 'the raw line is stored once');
  });

  test('a repeat after the window, or for other entities, opens a new alert', async () => {
    const srcIp = newIp();
    const first = created(await record(sshBruteForce({ srcIp, start: t0 })));
    const late = await record(sshBruteForce({ srcIp, start: t0 + 2 * hour }));
    assert.equal(late.outcome, 'created');
    assert.notEqual(created(late).id, first.id);
    assert.equal((await detail(first.id)).status, 'new', 'the quiet alert stays open for people to handle');
    const again = await record(sshBruteForce({ srcIp, start: t0 + 2 * hour + minute }));
    assert.equal(created(again).id, created(late).id, 'repeats now go to the newer alert');
    const otherUser = await record(sshBruteForce({ srcIp, user: 'admin', start: t0 + 2 * hour }));
    assert.equal(otherUser.outcome, 'created');
    const wide = await record(sshBruteForce({ srcIp, start: t0 + 5 * hour }), { dedupWindowMs: 6 * hour });
    assert.equal(created(wide).id, created(late).id, 'the window is an option');
  });

  test('after an alert is resolved, a repeat opens a new alert', async () => {
    const srcIp = newIp();
    const first = created(await record(sshBruteForce({ srcIp, start: t0 })));
    const resolved = await analyst.request<Alert>('PATCH', `/api/alerts/${first.id}`, { status: 'resolved' });
    assert.equal(resolved.status, 200);
    assert.equal(resolved.body.status, 'resolved');
    assert.equal(resolved.body.status_id, 4);
    const next = await record(sshBruteForce({ srcIp, start: t0 + minute }));
    assert.equal(next.outcome, 'created');
    assert.notEqual(created(next).id, first.id);
    assert.equal((await detail(first.id)).count, 5, 'the resolved alert is left as it was');
    const reopened = await analyst.request<Alert>('PATCH', `/api/alerts/${first.id}`, {
      status: 'acknowledged',
    });
    assert.equal(reopened.body.status, 'acknowledged');
    const third = await record(sshBruteForce({ srcIp, start: t0 + 2 * minute }));
    assert.equal(created(third).id, created(next).id, 'repeats stay with the alert that took them');
  });

  test('a suppression drops matching findings, counted, until it expires', async () => {
    const srcIp = newIp();
    const response = await analyst.request<AlertSuppression>('POST', '/api/alerts/suppressions', {
      ruleId: sshBruteForce({ start: t0 }).rule.id,
      srcIp,
      reason: 'our vulnerability scanner',
      expiresInSeconds: 3600,
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const suppression = response.body;
    assert.equal(suppression.expiresAt, new Date(clock.now().getTime() + hour).toISOString());
    assert.equal(suppression.createdBy, 'analyst1');

    const dropped = await record(sshBruteForce({ srcIp, start: t0 }));
    assert.deepEqual(dropped, { outcome: 'suppressed', suppressionId: suppression.id });
    await record(sshBruteForce({ srcIp, user: 'oracle', start: t0 }));
    assert.equal((await list(`srcIp=${srcIp}`)).alerts.length, 0, 'nothing is stored');
    const other = await record(sshBruteForce({ srcIp, start: t0, rule: { id: 'another-rule' } }));
    assert.equal(other.outcome, 'created', 'another rule from the same address still alerts');

    const listed = await auditor.request<{ suppressions: AlertSuppression[] }>(
      'GET',
      '/api/alerts/suppressions',
    );
    const counted = listed.body.suppressions.find((s) => s.id === suppression.id);
    assert.deepEqual([counted?.active, counted?.suppressedCount], [true, 2]);
    assert.equal(counted?.lastSuppressedAt, clock.now().toISOString());

    clock.advance(hour + 1000);
    try {
      const afterExpiry = await record(sshBruteForce({ srcIp, start: t0 + minute }));
      assert.equal(afterExpiry.outcome, 'created');
      const expired = await analyst.request<{ suppressions: AlertSuppression[] }>(
        'GET',
        '/api/alerts/suppressions',
      );
      assert.equal(expired.body.suppressions.find((s) => s.id === suppression.id)?.active, false);
    } finally {
      clock.advance(-(hour + 1000));
    }
    const removed = await analyst.request('DELETE', `/api/alerts/suppressions/${suppression.id}`);
    assert.equal(removed.status, 204);
    const [deletion] = await audit('alerts.suppressions.delete');
    assert.equal(deletion?.target, suppression.id);
    assert.match(deletion.detail ?? '', new RegExp(`srcIp=${srcIp.replaceAll('.', '\\.')}`));
    const [creation] = await audit('alerts.suppressions.create');
    assert.match(creation?.detail ?? '', /reason=our vulnerability scanner/);
  });

  test('status, assignee and notes are changed by analysts and audited', async () => {
    const alert = created(await record(sshBruteForce({ srcIp: newIp(), start: t0 })));
    const patched = await analyst.request<Alert>('PATCH', `/api/alerts/${alert.id}`, {
      status: 'acknowledged',
      assignee: 'analyst1',
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(
      [patched.body.status, patched.body.status_id, patched.body.assignee],
      ['acknowledged', 2, 'analyst1'],
    );
    const [update] = await audit('alerts.update');
    assert.deepEqual([update?.actor, update?.outcome], ['analyst1', 'success']);
    assert.equal(update?.target, `SSH brute force from one source (${alert.id})`);
    assert.equal(update.detail, 'status: new → acknowledged; assignee: none → analyst1');

    const note = await analyst.request<AlertNote>('POST', `/api/alerts/${alert.id}/notes`, {
      text: '  Blocked 198.51.100.0/24 at the firewall.  ',
    });
    assert.equal(note.status, 201);
    assert.deepEqual(
      [note.body.author, note.body.text],
      ['analyst1', 'Blocked 198.51.100.0/24 at the firewall.'],
    );
    const [noted] = await audit('alerts.note');
    assert.equal(noted?.detail, 'Blocked 198.51.100.0/24 at the firewall.');

    const unassigned = await analyst.request<Alert>('PATCH', `/api/alerts/${alert.id}`, {
      status: 'false_positive',
      assignee: null,
    });
    assert.deepEqual(
      [unassigned.body.status, unassigned.body.status_id, unassigned.body.assignee],
      ['false_positive', 99, null],
    );
    const shown = await detail(alert.id);
    assert.deepEqual(
      shown.notes.map((n) => n.text),
      ['Blocked 198.51.100.0/24 at the firewall.'],
    );
    assert.equal(shown.finding_info.modified_time, clock.now().getTime());
  });

  test('auditors read alerts but cannot change them', async () => {
    const alert = created(await record(sshBruteForce({ srcIp: newIp(), start: t0 })));
    assert.equal((await auditor.request('GET', `/api/alerts/${alert.id}`)).status, 200);
    assert.equal((await auditor.request('GET', '/api/alerts/timeline')).status, 200);
    const attempts: [string, string, unknown][] = [
      ['PATCH', `/api/alerts/${alert.id}`, { status: 'resolved' }],
      ['POST', `/api/alerts/${alert.id}/notes`, { text: 'hello' }],
      ['POST', '/api/alerts/suppressions', { srcIp: '192.0.2.1', reason: 'x', expiresInSeconds: null }],
      ['DELETE', '/api/alerts/suppressions/anything', undefined],
    ];
    for (const [method, path, body] of attempts) {
      const response = await auditor.request<Problem>(method, path, body);
      assert.deepEqual([response.status, response.body.code], [403, 'forbidden'], `${method} ${path}`);
    }
    assert.equal((await detail(alert.id)).status, 'new');
    const denied = await audit('alerts.update');
    assert.ok(denied.some((e) => e.actor === 'auditor1' && e.outcome === 'denied' && e.status === 403));
  });

  test('bad input is a 4xx problem', async () => {
    const alert = created(await record(sshBruteForce({ srcIp: newIp(), start: t0 })));
    const cases: [string, string, unknown, number, string][] = [
      ['GET', '/api/alerts/no-such-alert', undefined, 404, 'not_found'],
      ['PATCH', '/api/alerts/no-such-alert', { status: 'resolved' }, 404, 'not_found'],
      ['POST', '/api/alerts/no-such-alert/notes', { text: 'x' }, 404, 'not_found'],
      ['DELETE', '/api/alerts/suppressions/no-such-one', undefined, 404, 'not_found'],
      ['PATCH', `/api/alerts/${alert.id}`, {}, 400, 'validation_failed'],
      ['PATCH', `/api/alerts/${alert.id}`, { status: 'closed' }, 400, 'validation_failed'],
      ['PATCH', `/api/alerts/${alert.id}`, { status: 'resolved', owner: 'x' }, 400, 'validation_failed'],
      ['PATCH', `/api/alerts/${alert.id}`, { assignee: 'nobody' }, 400, 'validation_failed'],
      ['POST', `/api/alerts/${alert.id}/notes`, { text: '   ' }, 400, 'validation_failed'],
      ['POST', `/api/alerts/${alert.id}/notes`, { text: 'x'.repeat(4001) }, 400, 'validation_failed'],
      ['GET', '/api/alerts?severity=extreme', undefined, 400, 'validation_failed'],
      ['GET', '/api/alerts?srcIp=not-an-ip', undefined, 400, 'validation_failed'],
      ['GET', '/api/alerts?since=yesterday', undefined, 400, 'validation_failed'],
      ['GET', '/api/alerts?limit=0', undefined, 400, 'validation_failed'],
      ['GET', '/api/alerts?cursor=bm9wZQ', undefined, 400, 'validation_failed'],
      ['GET', '/api/alerts/timeline?bucket=5m', undefined, 400, 'validation_failed'],
      [
        'GET',
        '/api/alerts/timeline?since=2026-03-01T00:00:00Z&until=2026-02-01T00:00:00Z',
        undefined,
        400,
        'validation_failed',
      ],
      ['GET', '/api/alerts/timeline?since=2020-01-01T00:00:00Z', undefined, 400, 'validation_failed'],
      [
        'POST',
        '/api/alerts/suppressions',
        { reason: 'everything', expiresInSeconds: 3600 },
        400,
        'validation_failed',
      ],
      [
        'POST',
        '/api/alerts/suppressions',
        { srcIp: '300.1.1.1', reason: 'x', expiresInSeconds: 3600 },
        400,
        'validation_failed',
      ],
      [
        'POST',
        '/api/alerts/suppressions',
        { srcIp: '192.0.2.1', reason: 'x', expiresInSeconds: 1 },
        400,
        'validation_failed',
      ],
      [
        'POST',
        '/api/alerts/suppressions',
        { srcIp: '192.0.2.1', expiresInSeconds: 3600 },
        400,
        'validation_failed',
      ],
    ];
    for (const [method, path, body, status, code] of cases) {
      const response = await analyst.request<Problem>(method, path, body);
      assert.deepEqual(
        [response.status, response.body.code],
        [status, code],
        `${method} ${path} ${JSON.stringify(body)}`,
      );
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    }
    assert.equal((await detail(alert.id)).status, 'new', 'nothing changed');
  });

  test('findings racing for one key make one alert with every count', async () => {
    const srcIp = newIp();
    // PostgreSQL: separate pools, as several server processes would be. SQLite: one handle per process,
    // since better-sqlite3 blocks the thread while another handle in it holds the write lock.
    const handles =
      dialect.name === 'postgres' ? [testDb.reopen(), testDb.reopen(), testDb.reopen()] : [testDb.database];
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          recordFinding(
            handles[i % handles.length]!.db,
            sshBruteForce({ srcIp, start: t0 + i * 1000, failures: 3 }),
            clock.now(),
          ),
        ),
      );
      assert.equal(outcomes.filter((o) => o.outcome === 'created').length, 1);
      assert.equal(outcomes.filter((o) => o.outcome === 'updated').length, 23);
      const { alerts } = await list(`srcIp=${srcIp}`);
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0]?.count, 72);
      const evidence = (await detail(alerts[0].id)).evidence;
      assert.deepEqual(
        evidence.map((e) => e.seq),
        [...Array.from({ length: 10 }, (_, i) => i + 1), ...Array.from({ length: 40 }, (_, i) => i + 33)],
        'every evidence number was handed out once',
      );
    } finally {
      if (dialect.name === 'postgres') await Promise.all(handles.map((h) => h.close()));
    }
  });

  test('the list pages newest first and filters', async () => {
    const net = '192.0.2.';
    const base = t0 - 48 * hour;
    const seeds: [
      ip: string,
      user: string,
      host: string,
      severity: Finding['rule']['severity'],
      offsetH: number,
    ][] = [
      [`${net}10`, 'root', 'web1', 'high', 0],
      [`${net}11`, 'admin', 'web1', 'critical', 1],
      [`${net}12`, 'root', 'db1', 'medium', 2],
      [`${net}13`, 'oracle', 'db1', 'low', 3],
      [`${net}14`, 'root', 'Mail1', 'informational', 4],
      [`${net}15`, 'deploy', 'web2', 'high', 5],
      [`${net}16`, 'root', 'web2', 'critical', 6],
    ];
    const ids: string[] = [];
    for (const [srcIp, user, host, severity, offset] of seeds) {
      const rule = { id: `paging-${severity}`, title: `Paging test 100% ${severity}`, severity };
      ids.push(
        created(await record(sshBruteForce({ srcIp, user, host, start: base + offset * hour, rule }))).id,
      );
    }
    const window = `since=${new Date(base).toISOString()}&until=${new Date(base + 7 * hour).toISOString()}`;
    const seen: Alert[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: AlertPage = await list(`${window}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.alerts.length <= 3);
      seen.push(...page.alerts);
      cursor = page.nextCursor;
    }
    assert.deepEqual(
      seen.map((a) => a.id),
      [...ids].reverse(),
      'newest last seen first, each once',
    );

    const ipsOf = async (query: string) =>
      (await list(`${window}&${query}`)).alerts.map((a) => a.entities.src_ip?.slice(net.length)).sort();
    assert.deepEqual(await ipsOf('severity=high'), ['10', '11', '15', '16']);
    assert.deepEqual(await ipsOf('severity=critical'), ['11', '16']);
    assert.deepEqual(await ipsOf('user=root'), ['10', '12', '14', '16']);
    assert.deepEqual(await ipsOf('host=MAIL1'), ['14'], 'host names compare without case');
    assert.deepEqual(await ipsOf(`srcIp=${net}13`), ['13']);
    assert.deepEqual(await ipsOf('rule=paging-medium'), ['12']);
    assert.deepEqual(await ipsOf('q=ORACLE'), ['13']);
    assert.deepEqual(await ipsOf('q=100%25%20crit'), ['11', '16'], '% is literal');
    assert.deepEqual(await ipsOf('q=100_'), [], '_ is literal');
    assert.deepEqual(await ipsOf('q=db1&severity=medium'), ['12']);
    const early = `since=${new Date(base + 1.5 * hour).toISOString()}&until=${new Date(base + 3.5 * hour).toISOString()}`;
    assert.deepEqual(
      (await list(`${early}&q=paging`)).alerts.map((a) => a.entities.src_ip),
      [`${net}13`, `${net}12`],
      'since/until select alerts active in the range',
    );

    const ack = await analyst.request('PATCH', `/api/alerts/${ids[0]!}`, { status: 'acknowledged' });
    assert.equal(ack.status, 200);
    await analyst.request('PATCH', `/api/alerts/${ids[1]!}`, { status: 'resolved' });
    assert.deepEqual(await ipsOf('status=acknowledged'), ['10']);
    assert.deepEqual(await ipsOf('status=closed'), ['11']);
    assert.deepEqual(await ipsOf('status=open&severity=high'), ['10', '15', '16']);
    assert.deepEqual(await ipsOf('status=new&severity=high'), ['15', '16']);
  });

  test('the timeline counts new alerts per bucket and severity', async () => {
    const day = Date.parse('2026-02-20T00:00:00.000Z');
    const rule = (id: string, severity: Finding['rule']['severity']) => ({
      id,
      title: `Timeline ${id}`,
      severity,
    });
    await record(sshBruteForce({ srcIp: newIp(), start: day + 10 * minute, rule: rule('tl-a', 'high') }));
    await record(sshBruteForce({ srcIp: newIp(), start: day + 50 * minute, rule: rule('tl-b', 'high') }));
    await record(sshBruteForce({ srcIp: newIp(), start: day + 59 * minute, rule: rule('tl-c', 'low') }));
    await record(sshBruteForce({ srcIp: newIp(), start: day + 7 * hour, rule: rule('tl-d', 'critical') }));
    const since = new Date(day).toISOString();
    const until = new Date(day + 12 * hour).toISOString();
    const hourly = await auditor.request<AlertTimeline>(
      'GET',
      `/api/alerts/timeline?since=${since}&until=${until}&q=timeline`,
    );
    assert.equal(hourly.status, 200, JSON.stringify(hourly.body));
    assert.equal(hourly.body.buckets.length, 12);
    assert.deepEqual(hourly.body.buckets[0], {
      start: since,
      counts: { informational: 0, low: 1, medium: 0, high: 2, critical: 0 },
    });
    assert.equal(hourly.body.buckets[7]?.counts.critical, 1);
    assert.equal(
      hourly.body.buckets.reduce((sum, b) => sum + Object.values(b.counts).reduce((s, n) => s + n, 0), 0),
      4,
    );

    const quarter = await auditor.request<AlertTimeline>(
      'GET',
      `/api/alerts/timeline?since=${new Date(day + 3 * hour).toISOString()}&until=${until}&bucket=6h&severity=high`,
    );
    assert.deepEqual(
      quarter.body.buckets.map((b) => [
        b.start.slice(11, 16),
        b.counts.high,
        b.counts.critical,
        b.counts.low,
      ]),
      [
        ['00:00', 2, 0, 0],
        ['06:00', 0, 1, 0],
      ],
      'buckets align to UTC and the filters apply',
    );
    const byDefault = await auditor.request<AlertTimeline>('GET', '/api/alerts/timeline?bucket=1d');
    assert.equal(byDefault.body.buckets.length, 31, 'a month of days, the current one included');
    assert.equal(byDefault.body.until, clock.now().toISOString());
  });

  test('the summary counts open alerts, and the sink tells its listeners what happened', async () => {
    const before = (await auditor.request<AlertSummary>('GET', '/api/alerts/summary')).body;
    const heard: string[] = [];
    const errors: unknown[] = [];
    const sink = createAlertSink(server.deps.database.db, clock, {
      logger: { error: (object: unknown) => errors.push(object) },
    });
    sink.onChange(() => {
      throw new Error('a broken notifier');
    });
    const stop = sink.onChange((outcome, finding) =>
      heard.push(`${outcome.outcome} ${finding.rule.severity}`),
    );
    const srcIp = newIp();
    const critical = { severity: 'critical' as const };
    assert.equal((await sink.record(sshBruteForce({ srcIp, start: t0, rule: critical }))).outcome, 'created');
    assert.equal(
      (await sink.record(sshBruteForce({ srcIp, start: t0 + minute, rule: critical }))).outcome,
      'updated',
    );
    stop();
    await sink.record(sshBruteForce({ srcIp, start: t0 + 2 * minute, rule: critical }));
    assert.deepEqual(heard, ['created critical', 'updated critical']);
    assert.equal(errors.length, 3, 'the broken listener is logged each time and the others still hear');

    const after = (await auditor.request<AlertSummary>('GET', '/api/alerts/summary')).body;
    assert.equal(after.open, before.open + 1);
    assert.equal(after.new, before.new + 1);
    assert.equal(after.openBySeverity.critical, before.openBySeverity.critical + 1);
  });
});
