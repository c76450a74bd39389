import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importFeed } from '../../../src/modules/vulns/import-feed.ts';
import type { Problem } from '../../../src/protocol/problem.ts';
import type {
  FeedStatus,
  VulnFinding,
  VulnFindingList,
  VulnSummary,
} from '../../../src/protocol/vuln-api.ts';
import type { RunningServer } from '../../../src/server/start-server.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { auditEntries, enrollHandAgent, signedInUser, type HandAgent } from '../../helpers/hand-agent.ts';
import { describeEachDialect } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';
import { deb, inventory, vulnCorpus, wheezy } from './harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'vigil-vulns-api-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('vulnerabilities API', needsCorpora('vuln/osv-records'), () => {
  describeEachDialect('routes', (dialect, fresh) => {
    let server: RunningServer;
    let admin: ApiClient;
    let analyst: ApiClient;
    let auditor: ApiClient;
    let web1: HandAgent;

    const report = (agent: HandAgent, version: string) =>
      agent.client.post('/api/agent/v1/events', {
        events: [
          {
            id: `inventory-${agent.id}-${Date.now()}`,
            time: new Date().toISOString(),
            kind: 'inventory',
            source: 'inventory',
            data: inventory(agent.hostname, wheezy, [deb('nginx', version)], new Date()),
          },
        ],
      });
    const findings = async (query = '') => {
      const answer = await admin.request<VulnFindingList>('GET', `/api/vulnerabilities${query}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    };

    before(async () => {
      server = await startTestServer(await fresh(), { vuln: { scanIntervalSeconds: 5 } });
      admin = new ApiClient(server.url);
      await admin.login('admin', adminPassword);
      analyst = await signedInUser(server, admin, 'analyst', 'analyst1');
      auditor = await signedInUser(server, admin, 'auditor', 'auditor1');
      web1 = await enrollHandAgent(server, admin, 'web', 'web1');
      const osv = join(scratch, dialect.name);
      mkdirSync(osv);
      copyFileSync(vulnCorpus('osv-records', 'DSA-3029-1.json'), join(osv, 'DSA-3029-1.json'));
      await importFeed(server.deps, osv, { name: 'debian-osv' });
      // The agent reports its packages as it does every collection.
      const packages = [deb('nginx', '1.2.1-2.2+wheezy2'), deb('nginx-common', '1.2.1-2.2+wheezy2', 'nginx')];
      await web1.client.post('/api/agent/v1/events', {
        events: [
          {
            id: `inventory-${web1.id}-1`,
            time: new Date().toISOString(),
            kind: 'inventory',
            source: 'inventory',
            data: inventory('web1', wheezy, packages, new Date()),
          },
        ],
      });
    });
    after(() => server.close());

    test('a rescan request matches the host and its findings appear', async () => {
      const started = await analyst.request<{ hosts: number }>('POST', '/api/vulnerabilities/rescan');
      assert.equal(started.status, 202);
      assert.deepEqual(started.body, { hosts: 1 });
      for (const deadline = Date.now() + 20_000; (await findings()).total < 2;) {
        assert.ok(Date.now() < deadline, 'no findings after the rescan');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const [entry] = await auditEntries(admin, 'vulns.rescan');
      assert.equal(entry?.actor, 'analyst1');
      assert.equal(entry.detail, '1 hosts to match again');
      const only = await admin.request<{ hosts: number }>('POST', '/api/vulnerabilities/rescan', {
        agentIds: ['no-such-agent'],
      });
      assert.deepEqual([only.status, only.body], [202, { hosts: 0 }]);
      const all = await admin.request('POST', '/api/vulnerabilities/rescan', {});
      assert.deepEqual([all.status, all.body], [202, { hosts: 1 }]);
      const wrong = await admin.request<Problem>('POST', '/api/vulnerabilities/rescan', { agentIds: 'all' });
      assert.equal(wrong.status, 400);
    });

    test('without a session 401, without vulns:read or vulns:write 403', async () => {
      const anonymous = new ApiClient(server.url);
      assert.equal((await anonymous.request('GET', '/api/vulnerabilities')).status, 401);
      assert.equal((await anonymous.request('GET', '/api/feeds')).status, 401);
      assert.equal((await auditor.request('GET', '/api/vulnerabilities')).status, 200);
      assert.equal((await auditor.request('GET', '/api/vulnerabilities/summary')).status, 200);
      const refused = await auditor.request<Problem>('POST', '/api/vulnerabilities/rescan');
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'forbidden');
      const token = await admin.request<{ token: string }>('POST', '/api/tokens', {
        name: 'alerts only',
        scopes: ['alerts:read'],
      });
      const narrow = new ApiClient(server.url);
      narrow.bearer = token.body.token;
      assert.equal((await narrow.request('GET', '/api/vulnerabilities')).status, 403);
      assert.equal((await narrow.request('GET', '/api/vulnerabilities/export?format=csv')).status, 403);
    });

    test('a bad query is a 400 problem naming the parameter', async () => {
      for (const query of [
        'severity=extreme',
        'limit=0',
        'limit=5000',
        'sort=name',
        'status=gone',
        'kev=yes',
      ]) {
        const answer = await admin.request<Problem>('GET', `/api/vulnerabilities?${query}`);
        assert.equal(answer.status, 400, query);
        assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(answer.body.code, 'validation_failed');
        assert.match(answer.body.detail ?? '', new RegExp(query.split('=')[0] ?? ''));
      }
      const format = await admin.request<Problem>('GET', '/api/vulnerabilities/export?format=pdf');
      assert.equal(format.status, 400);
    });

    test('the list filters, sorts and pages in the database', async () => {
      const all = await findings();
      assert.equal(all.total, 2);
      assert.deepEqual(all.findings.map((f) => f.package.name).sort(), ['nginx', 'nginx-common']);
      assert.equal((await findings('?package=nginx')).total, 2, 'by source package');
      assert.equal((await findings('?package=nginx-common')).total, 1, 'by binary package');
      assert.equal((await findings('?q=cve-2014-36')).total, 2, 'part of the CVE, any case');
      assert.equal((await findings('?q=dsa-3029')).total, 2, 'part of the advisory id');
      assert.equal((await findings('?q=%25')).total, 0, 'a % is literal');
      assert.equal((await findings('?fix=available')).total, 2);
      assert.equal((await findings('?fix=none')).total, 0);
      assert.equal((await findings('?kev=true')).total, 0);
      assert.equal((await findings('?severity=critical')).total, 0);
      assert.equal((await findings(`?agentId=${web1.id}&status=all`)).total, 2);
      assert.equal((await findings('?status=resolved')).total, 0);
      const page = await findings('?limit=1&offset=1&sort=dueAt');
      assert.equal(page.total, 2);
      assert.equal(page.findings.length, 1);
      const other = await findings('?limit=1&offset=0&sort=dueAt');
      assert.notEqual(page.findings[0]?.id, other.findings[0]?.id);
    });

    test('one finding by id, and 404 for an unknown one', async () => {
      const [first] = (await findings()).findings;
      const one = await admin.request<VulnFinding>('GET', `/api/vulnerabilities/${first?.id ?? ''}`);
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, first);
      const missing = await admin.request<Problem>('GET', '/api/vulnerabilities/0123456789abcdef');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 'not_found');
    });

    test('the summary counts open findings by severity, host and package, with the trend and feeds', async () => {
      const { body } = await admin.request<VulnSummary>('GET', '/api/vulnerabilities/summary');
      assert.equal(body.open, 2);
      assert.equal(
        Object.values(body.bySeverity).reduce((a, b) => a + b, 0),
        2,
      );
      assert.deepEqual(Object.keys(body.bySeverity).sort(), [
        'critical',
        'high',
        'informational',
        'low',
        'medium',
      ]);
      assert.deepEqual([body.kev, body.fixAvailable, body.noFix, body.overdue], [0, 2, 0, 0]);
      assert.equal(body.hosts.length, 1);
      assert.deepEqual(
        { ...body.hosts[0], maxRisk: undefined },
        { agentId: web1.id, hostname: 'web1', open: 2, critical: 0, high: 0, kev: 0, maxRisk: undefined },
      );
      assert.deepEqual(
        body.packages.map((p) => [p.name, p.source, p.hosts, p.findings, p.fixAvailable]).sort(),
        [
          ['nginx', 'nginx', 1, 1, 1],
          ['nginx-common', 'nginx', 1, 1, 1],
        ],
      );
      assert.equal(body.trend.length, 30);
      assert.equal(body.trend.at(-1)?.date, new Date().toISOString().slice(0, 10));
      assert.deepEqual(body.trend.at(-1), { date: body.trend.at(-1)?.date, open: 2, critical: 0, high: 0 });
      assert.deepEqual(body.trend[0], { date: body.trend[0]?.date, open: 0, critical: 0, high: 0 });
      assert.deepEqual(
        body.feeds.map((f) => [f.name, f.kind, f.records, f.stale]),
        [['debian-osv', 'osv', 1, false]],
      );
      const feeds = await auditor.request<{ feeds: FeedStatus[]; downloads: unknown[] }>('GET', '/api/feeds');
      assert.deepEqual(feeds.body.feeds, body.feeds);
      assert.deepEqual(feeds.body.downloads, []);
    });

    test('exports: OCSF JSON array, SARIF and CSV of the filtered findings', async () => {
      const ocsf = await admin.request<Record<string, unknown>[]>(
        'GET',
        '/api/vulnerabilities/export?format=ocsf',
      );
      assert.equal(ocsf.status, 200);
      assert.match(
        ocsf.headers.get('content-disposition') ?? '',
        /attachment; filename="vigil-vulnerabilities-.*\.ocsf\.json"/,
      );
      assert.equal(ocsf.body.length, 2);
      assert.deepEqual(
        ocsf.body.map((f) => f.class_uid),
        [2002, 2002],
      );
      const one = await admin.request<Record<string, unknown>[]>(
        'GET',
        '/api/vulnerabilities/export?format=ocsf&package=nginx-common',
      );
      assert.equal(one.body.length, 1);
      const sarif = await admin.request<string>('GET', '/api/vulnerabilities/export?format=sarif');
      assert.equal(sarif.status, 200);
      assert.match(sarif.headers.get('content-type') ?? '', /^application\/sarif\+json/);
      const log = JSON.parse(sarif.body) as { version: string; runs: { results: unknown[] }[] };
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs[0]?.results.length, 2);
      const csv = await admin.request<string>('GET', '/api/vulnerabilities/export?format=csv');
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = csv.body.trim().split(/\r?\n/);
      assert.equal(lines.length, 3, csv.body);
      assert.match(lines[1] ?? '', /CVE-2014-3616/);
    });

    test('the periodic scan matches a host whose inventory changed, without being asked', async () => {
      const web2 = await enrollHandAgent(server, admin, 'web', 'web2');
      await report(web2, '1.2.1-2.2+wheezy1');
      const open = () => findings(`?agentId=${web2.id}`);
      for (const deadline = Date.now() + 30_000; (await open()).total === 0;) {
        assert.ok(Date.now() < deadline, 'the periodic scan did not match web2');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await report(web2, '1.2.1-2.2+wheezy3');
      for (const deadline = Date.now() + 30_000; (await open()).total > 0;) {
        assert.ok(Date.now() < deadline, 'the periodic scan did not resolve web2’s finding');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal((await findings(`?agentId=${web2.id}&status=resolved`)).total, 1);
    });
  });
});
