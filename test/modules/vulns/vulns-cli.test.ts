import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FeedStatus, VulnFinding, VulnSummary } from '../../../src/protocol/vuln-api.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { runTs } from '../../helpers/run-ts.ts';
import { describeEachDialect, type TestDatabase } from '../../helpers/test-database.ts';
import { addAgent, deb, reportInventory, vulnCorpus, vulnDeps, wheezy } from './harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'vigil-vulns-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('vigil feeds and vigil vulns', needsCorpora('vuln/osv-records'), () => {
  describeEachDialect('CLI', (dialect, fresh) => {
    let testDb: TestDatabase;
    let osv: string;
    const vigil = (args: string[]) =>
      runTs('src/cli/main.ts', ['--data-dir', testDb.dataDir, '--database-url', testDb.url, ...args]);

    before(async () => {
      testDb = await fresh();
      const deps = vulnDeps(testDb);
      await addAgent(deps, 'agent-web-1', 'web1');
      await reportInventory(deps, 'agent-web-1', 'web1', wheezy, [deb('nginx', '1.2.1-2.2+wheezy2')]);
      osv = join(scratch, `osv-${dialect.name}`);
      mkdirSync(osv);
      copyFileSync(vulnCorpus('osv-records', 'DSA-3029-1.json'), join(osv, 'DSA-3029-1.json'));
      copyFileSync(
        vulnCorpus('osv-records', 'GHSA-838r-hvwh-24h8.json'),
        join(osv, 'GHSA-838r-hvwh-24h8.json'),
      );
    });

    test('feeds import prints what changed, and the hosts it matched again', async () => {
      const first = await vigil(['feeds', 'import', osv, '--name', 'debian-osv']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(
        first.stdout,
        /^imported debian-osv \(osv\): 2 records: 2 added, 0 changed, 0 removed, 0 invalid; 1 hosts matched again in [\d.]+ s\n$/,
      );
      const again = await vigil(['feeds', 'import', osv, '--name', 'debian-osv']);
      assert.match(again.stdout, /: 2 records: 0 added, 0 changed, 0 removed, 0 invalid;/);
      const listed = await vigil(['feeds', '--format', 'json']);
      assert.equal(listed.code, 0, listed.stderr);
      const feeds = JSON.parse(listed.stdout) as FeedStatus[];
      assert.deepEqual(
        feeds.map((f) => [f.name, f.kind, f.records, f.stale]),
        [['debian-osv', 'osv', 2, false]],
      );
    });

    test('feeds import refuses a checksum that does not match, and bad flags, with exit 2', async () => {
      const sums = join(scratch, `wrong-${dialect.name}.sha256`);
      writeFileSync(sums, `${'1'.repeat(64)}\n`);
      const refused = await vigil(['feeds', 'import', osv, '--sha256', sums]);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /^vigil: .*(checksum|sha256|SHA-256).*\n$/i);
      const badName = await vigil(['feeds', 'import', osv, '--name', '../etc']);
      assert.equal(badName.code, 2);
      assert.match(badName.stderr, /^vigil: --name: /);
      const missing = await vigil(['feeds', 'import', join(scratch, 'nowhere')]);
      assert.equal(missing.code, 2, missing.stderr);
    });

    test('vulns lists the fleet’s findings as table, json, csv and sarif', async () => {
      const table = await vigil(['vulns']);
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /^RISK\s+SEVERITY\s+HOST\s+PACKAGE/);
      assert.match(
        table.stdout,
        /web1\s+nginx\s+1\.2\.1-2\.2\+wheezy2\s+1\.2\.1-2\.2\+wheezy3\s+CVE-2014-3616/,
      );
      const json = await vigil(['vulns', '--host', 'web1', '--fix', 'available', '--format', 'json']);
      const findings = JSON.parse(json.stdout) as VulnFinding[];
      assert.deepEqual(
        findings.map((f) => [f.agentId, f.vulnerability.id, f.status]),
        [['agent-web-1', 'CVE-2014-3616', 'open']],
      );
      const kev = JSON.parse((await vigil(['vulns', '--kev', '--format', 'json'])).stdout) as VulnFinding[];
      assert.deepEqual(kev, []);
      const csv = await vigil(['vulns', '--format', 'csv']);
      assert.equal(csv.stdout.trim().split(/\r?\n/).length, 2);
      const sarif = JSON.parse((await vigil(['vulns', '--format', 'sarif'])).stdout) as { version: string };
      assert.equal(sarif.version, '2.1.0');
    });

    test('vulns summary and rescan', async () => {
      const summary = JSON.parse(
        (await vigil(['vulns', 'summary', '--format', 'json'])).stdout,
      ) as VulnSummary;
      assert.equal(summary.open, 1);
      assert.equal(summary.trend.length, 30);
      assert.equal(summary.feeds[0]?.name, 'debian-osv');
      const text = await vigil(['vulns', 'summary']);
      assert.match(text.stdout, /^open findings: 1 \(/);
      const rescan = await vigil(['vulns', 'rescan', '--host', 'web1']);
      assert.equal(rescan.code, 0, rescan.stderr);
      assert.equal(rescan.stdout, '1 hosts matched\n');
    });

    test('bad flags exit 2 with one line', async () => {
      const cases: [string[], RegExp][] = [
        [['vulns', '--severity', 'extreme'], /^vigil: --severity: /],
        [['vulns', '--fix', 'maybe'], /^vigil: --fix: /],
        [['vulns', '--status', 'gone'], /^vigil: --status: /],
        [['vulns', '--format', 'xml'], /^vigil: --format: /],
        [['vulns', '--host', 'nosuch'], /^vigil: --host: no enrolled host is named nosuch\n$/],
        [['vulns', '--limit', '0'], /^vigil: --limit: /],
      ];
      for (const [args, expected] of cases) {
        const result = await vigil(args);
        assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, expected);
        assert.equal(result.stdout, '');
      }
    });
  });
});
