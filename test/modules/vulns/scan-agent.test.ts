import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importFeed } from '../../../src/modules/vulns/import-feed.ts';
import { listFindings } from '../../../src/modules/vulns/list-findings.ts';
import { scanAgent } from '../../../src/modules/vulns/scan-agent.ts';
import { scanDueHosts } from '../../../src/modules/vulns/scan-due-hosts.ts';
import { VulnFindingQuery, type VulnFinding } from '../../../src/protocol/vuln-api.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { describeEachDialect, type TestDatabase } from '../../helpers/test-database.ts';
import {
  addAgent,
  deb,
  reportInventory,
  stretch,
  vulnCorpus,
  vulnDeps,
  wheezy,
  type TestDeps,
} from './harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'vigil-vuln-scan-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const day = 86_400_000;
const query = (q: Partial<VulnFindingQuery> = {}) => VulnFindingQuery.parse({ status: 'all', ...q });

describe('scanAgent', needsCorpora('vuln/osv-records'), () => {
  describeEachDialect('findings', (_dialect, fresh) => {
    let testDb: TestDatabase;
    let deps: TestDeps;
    const web = 'agent-web-1';
    const vulnerable = [deb('nginx', '1.2.1-2.2+wheezy2'), deb('nginx-common', '1.2.1-2.2+wheezy2', 'nginx')];
    const fixed = [deb('nginx', '1.2.1-2.2+wheezy3'), deb('nginx-common', '1.2.1-2.2+wheezy3', 'nginx')];
    const findings = async () => (await listFindings(deps.database.db, query(), deps.clock.now())).findings;

    before(async () => {
      testDb = await fresh();
      deps = vulnDeps(testDb);
      const osv = join(scratch, `osv-${testDb.database.kind}`);
      mkdirSync(osv);
      copyFileSync(vulnCorpus('osv-records', 'DSA-3029-1.json'), join(osv, 'DSA-3029-1.json'));
      await importFeed(deps, osv, { name: 'debian-osv' });
      await addAgent(deps, web, 'web1');
    });

    test('a Debian 7 host with nginx before the DSA fix has one open finding per installed binary', async () => {
      await reportInventory(deps, web, 'web1', wheezy, vulnerable);
      const firstScan = deps.clock.now().toISOString();
      assert.deepEqual(await scanAgent(deps, web), { open: 2, resolved: 0 });
      const open = await findings();
      assert.deepEqual(
        open
          .map((f) => [
            f.package.name,
            f.package.source,
            f.vulnerability.id,
            f.fixState,
            f.fixedVersion,
            f.status,
          ])
          .sort(),
        [
          ['nginx', 'nginx', 'CVE-2014-3616', 'fixed', '1.2.1-2.2+wheezy3', 'open'],
          ['nginx-common', 'nginx', 'CVE-2014-3616', 'fixed', '1.2.1-2.2+wheezy3', 'open'],
        ],
      );
      for (const finding of open) {
        assert.deepEqual(finding.vulnerability.advisories, ['DSA-3029-1']);
        assert.equal(finding.hostname, 'web1');
        assert.equal(finding.package.ecosystem, 'Debian:7');
        assert.equal(finding.firstSeenAt, firstScan);
        assert.equal(finding.lastSeenAt, firstScan);
        assert.equal(finding.resolvedAt, null);
        assert.equal(finding.kev, null);
        assert.equal(finding.epss, null);
      }
    });

    test('scanned again, the findings stay open and keep when they were first seen', async () => {
      const [before] = await findings();
      deps.clock.advance(day);
      assert.deepEqual(await scanAgent(deps, web), { open: 2, resolved: 0 });
      const [after] = await findings();
      assert.ok(after && before);
      assert.equal(after.id, before.id);
      assert.equal(after.firstSeenAt, before.firstSeenAt);
      assert.equal(after.lastSeenAt, deps.clock.now().toISOString());
      assert.equal(after.dueAt, before.dueAt, 'the SLA runs from first seen');
    });

    test('once the fixed version is installed they are resolved', async () => {
      deps.clock.advance(day);
      await reportInventory(deps, web, 'web1', wheezy, fixed);
      assert.deepEqual(await scanAgent(deps, web), { open: 0, resolved: 2 });
      const all = await findings();
      assert.deepEqual(
        all.map((f) => [f.status, f.resolvedAt]),
        [
          ['resolved', deps.clock.now().toISOString()],
          ['resolved', deps.clock.now().toISOString()],
        ],
      );
      assert.deepEqual(
        (await listFindings(deps.database.db, VulnFindingQuery.parse({}), deps.clock.now())).findings,
        [],
        'the default list shows open findings only',
      );
    });

    test('a downgrade back to the vulnerable version reopens them, first seen unchanged', async () => {
      const firstSeen = (await findings())[0]?.firstSeenAt;
      deps.clock.advance(day);
      await reportInventory(deps, web, 'web1', wheezy, vulnerable);
      assert.deepEqual(await scanAgent(deps, web), { open: 2, resolved: 0 });
      const all = await findings();
      assert.deepEqual(
        all.map((f) => [f.status, f.resolvedAt, f.firstSeenAt]),
        [
          ['open', null, firstSeen],
          ['open', null, firstSeen],
        ],
      );
    });

    test(
      'KEV membership and an EPSS score raise the risk and bring the due date forward',
      needsCorpora('vuln/kev'),
      async () => {
        const before = (await findings())[0] as VulnFinding;
        const catalog = JSON.parse(
          readFileSync(vulnCorpus('kev', 'known_exploited_vulnerabilities.json'), 'utf8'),
        ) as { vulnerabilities: Record<string, unknown>[] };
        const template = catalog.vulnerabilities[0] as Record<string, unknown>;
        const kevFile = join(scratch, `kev-${testDb.database.kind}.json`);
        writeFileSync(
          kevFile,
          JSON.stringify({
            ...catalog,
            count: 1,
            vulnerabilities: [
              {
                ...template,
                cveID: 'CVE-2014-3616',
                dateAdded: '2025-03-01',
                dueDate: '2025-03-10',
                knownRansomwareCampaignUse: 'Known',
              },
            ],
          }),
        );
        const epssFile = join(scratch, `epss-${testDb.database.kind}.csv`);
        writeFileSync(
          epssFile,
          '#model_version:v2023.03.01,score_date:2025-03-01T00:00:00+0000\ncve,epss,percentile\nCVE-2014-3616,0.97000,0.99900\n',
        );
        deps.clock.advance(60_000);
        const kev = await importFeed(deps, kevFile, { name: 'kev' });
        assert.equal(kev.rescanned, 1, 'an import matches the fleet again');
        await importFeed(deps, epssFile, { name: 'epss' });
        const after = (await findings()).find((f) => f.id === before.id) as VulnFinding;
        assert.deepEqual(after.kev, {
          dateAdded: '2025-03-01',
          dueDate: '2025-03-10',
          knownRansomware: true,
        });
        assert.deepEqual(after.epss, { score: 0.97, percentile: 0.999 });
        assert.ok(after.risk > before.risk, `risk ${before.risk} → ${after.risk}`);
        assert.equal(after.dueAt, '2025-03-10T00:00:00.000Z');
        const kevOnly = await listFindings(deps.database.db, query({ kev: 'true' }), deps.clock.now());
        assert.equal(kevOnly.total, 2);
      },
    );

    test('hosts are matched again only when their inventory or the feeds changed', async () => {
      assert.equal(await scanDueHosts(deps), 0);
      deps.clock.advance(60_000);
      await reportInventory(deps, web, 'web1', wheezy, vulnerable);
      assert.equal(await scanDueHosts(deps), 1);
      assert.equal(await scanDueHosts(deps), 0);
    });

    test(
      'the Debian tracker’s states reach the findings of a Debian 9 host',
      needsCorpora('vuln/debian-tracker'),
      async () => {
        await addAgent(deps, 'agent-old-1', 'old1');
        await reportInventory(deps, 'agent-old-1', 'old1', stretch, [deb('txt2man', '1.5.5-2')]);
        await importFeed(deps, vulnCorpus('debian-tracker', 'vunnel', 'debian.json'));
        const list = await listFindings(
          deps.database.db,
          query({ agentId: 'agent-old-1' }),
          deps.clock.now(),
        );
        assert.deepEqual(
          list.findings.map((f) => [f.vulnerability.id, f.fixState, f.fixedVersion, f.severity]),
          [['CVE-2013-1444', 'fixed', '1.5.5-4.1', 'low']],
        );
      },
    );

    test('a revoked host’s findings leave the lists', async () => {
      await deps.database.db
        .updateTable('agents')
        .set({ revoked_at: deps.clock.now().toISOString() })
        .where('id', '=', 'agent-old-1')
        .execute();
      await scanDueHosts(deps);
      const list = await listFindings(deps.database.db, query({ agentId: 'agent-old-1' }), deps.clock.now());
      assert.equal(list.total, 0);
    });
  });
});
