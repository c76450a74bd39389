import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { importFeed, type ImportProgress } from '../../../src/modules/vulns/import-feed.ts';
import { listFeeds } from '../../../src/modules/vulns/list-feeds.ts';
import { isAppError } from '../../../src/platform/errors.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { describeEachDialect, type TestDatabase } from '../../helpers/test-database.ts';
import { vulnCorpus, vulnDeps, type TestDeps } from './harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'vigil-feeds-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch OSV directory holding copies of the corpus records named. */
function osvDir(name: string, records: string[]): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const record of records) copyFileSync(vulnCorpus('osv-records', record), join(dir, record));
  return dir;
}

/** An EPSS file of `rows` scores, gzipped. */
function epssGz(rows: number): Buffer {
  const lines = ['#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000', 'cve,epss,percentile'];
  for (let i = 0; i < rows; i += 1)
    lines.push(`CVE-2024-${String(10000 + i)},0.${String(i % 1000).padStart(5, '0')},0.5`);
  return gzipSync(`${lines.join('\n')}\n`);
}

describe('importFeed', needsCorpora('vuln/osv-records'), () => {
  describeEachDialect('storage', (_dialect, fresh) => {
    let testDb: TestDatabase;
    let deps: TestDeps;
    before(async () => {
      testDb = await fresh();
      deps = vulnDeps(testDb);
    });

    const advisoryIds = async (feed: string) =>
      (
        await deps.database.db
          .selectFrom('vuln_advisories')
          .select('id')
          .where('feed', '=', feed)
          .orderBy('id')
          .execute()
      ).map((row) => row.id);
    const auditDetails = async (outcome: string) =>
      (
        await deps.database.db
          .selectFrom('audit_log')
          .select(['detail', 'target'])
          .where('action', '=', 'vulns.feeds.import')
          .where('outcome', '=', outcome)
          .orderBy('seq')
          .execute()
      ).map((row) => `${row.target ?? ''}: ${row.detail ?? ''}`);

    test('an OSV directory imports each record once, with the packages it names for the lookup', async () => {
      const dir = osvDir('osv-a', ['DSA-3029-1.json', 'GHSA-838r-hvwh-24h8.json', 'CVE-2022-27449.json']);
      const result = await importFeed(deps, dir, { name: 'osv-test' });
      assert.equal(result.kind, 'osv');
      assert.deepEqual(
        [result.records, result.added, result.changed, result.unchanged, result.removed],
        [3, 3, 0, 0, 0],
      );
      assert.deepEqual(await advisoryIds('osv-test'), [
        'CVE-2022-27449',
        'DSA-3029-1',
        'GHSA-838r-hvwh-24h8',
      ]);
      const nginx = await deps.database.db
        .selectFrom('vuln_advisory_packages')
        .select(['advisory_id', 'ecosystem', 'release'])
        .where('name', '=', 'nginx')
        .execute();
      assert.deepEqual(nginx, [{ advisory_id: 'DSA-3029-1', ecosystem: 'Debian:7', release: 'Debian:7' }]);
      assert.equal(result.feed.name, 'osv-test');
      assert.equal(result.feed.records, 3);
      assert.equal(result.feed.stale, false);
      assert.equal(result.feed.sourceDate !== null && result.feed.sourceDate >= '2014-09-20', true);
      assert.match(
        (await auditDetails('success')).at(-1) ?? '',
        /^osv-test: osv; 3 records: 3 added, 0 changed, 0 removed/,
      );
    });

    test('re-importing the same directory rewrites nothing; a changed record is replaced, a missing one removed', async () => {
      const dir = join(scratch, 'osv-a');
      const stored = async () =>
        (
          await deps.database.db
            .selectFrom('vuln_advisories')
            .select(['id', 'hash'])
            .where('feed', '=', 'osv-test')
            .orderBy('id')
            .execute()
        ).map((row) => `${row.id}:${row.hash}`);
      const before = await stored();
      deps.clock.advance(60_000);
      const again = await importFeed(deps, dir, { name: 'osv-test' });
      assert.deepEqual([again.added, again.changed, again.unchanged, again.removed], [0, 0, 3, 0]);
      assert.deepEqual(await stored(), before);

      const dsa = JSON.parse(readFileSync(join(dir, 'DSA-3029-1.json'), 'utf8')) as Record<string, unknown>;
      dsa.summary = 'nginx - security update (revised)';
      dsa.modified = '2024-01-02T03:04:05Z';
      writeFileSync(join(dir, 'DSA-3029-1.json'), JSON.stringify(dsa));
      unlinkSync(join(dir, 'GHSA-838r-hvwh-24h8.json'));
      deps.clock.advance(60_000);
      const changed = await importFeed(deps, dir, { name: 'osv-test' });
      assert.deepEqual(
        [changed.records, changed.added, changed.changed, changed.unchanged, changed.removed],
        [2, 0, 1, 1, 1],
      );
      assert.deepEqual(await advisoryIds('osv-test'), ['CVE-2022-27449', 'DSA-3029-1']);
      const row = await deps.database.db
        .selectFrom('vuln_advisories')
        .select('data')
        .where('id', '=', 'DSA-3029-1')
        .executeTakeFirstOrThrow();
      assert.equal(
        (JSON.parse(row.data) as { summary: string }).summary,
        'nginx - security update (revised)',
      );
      const orphans = await deps.database.db
        .selectFrom('vuln_advisory_packages')
        .select('advisory_id')
        .where('advisory_id', '=', 'GHSA-838r-hvwh-24h8')
        .execute();
      assert.deepEqual(orphans, [], 'the removed advisory’s packages go with it');
      const [feed] = await listFeeds(deps.database.db, deps.clock.now(), 48);
      assert.equal(feed?.records, 2);
      assert.equal(feed.sourceDate, '2024-01-02T03:04:05Z');
    });

    test('a feed that fails half way leaves the previous records and feed row as they were', async () => {
      const good = join(scratch, 'epss-good.csv.gz');
      writeFileSync(good, epssGz(1200));
      const first = await importFeed(deps, good, { name: 'epss' });
      assert.deepEqual([first.kind, first.records, first.added], ['epss', 1200, 1200]);
      const snapshot = async () => ({
        feed: await deps.database.db
          .selectFrom('vuln_feeds')
          .selectAll()
          .where('name', '=', 'epss')
          .execute(),
        rows: await deps.database.db
          .selectFrom('vuln_epss')
          .select(['cve', 'epss'])
          .where('feed', '=', 'epss')
          .orderBy('cve')
          .execute(),
      });
      const before = await snapshot();

      // A newer file with every score changed and more rows, cut off in transit.
      const broken = join(scratch, 'epss-broken.csv.gz');
      const bytes = epssGz(6000);
      writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
      const seen: ImportProgress[] = [];
      deps.clock.advance(3_600_000);
      await assert.rejects(importFeed(deps, broken, { name: 'epss', onProgress: (p) => seen.push(p) }));
      assert.ok(
        seen.some((p) => p.added + p.changed >= 1000),
        'the failure came after batches had been written in the transaction',
      );
      assert.deepEqual(await snapshot(), before);
      assert.match((await auditDetails('failure')).at(-1) ?? '', /^epss: epss: /);
    });

    test('a checksum that does not match refuses the feed before anything is stored', async () => {
      const file = join(scratch, 'epss-other.csv.gz');
      writeFileSync(file, epssGz(10));
      const sums = join(scratch, 'wrong.sha256');
      writeFileSync(sums, `${'0'.repeat(64)}  epss-other.csv.gz\n`);
      await assert.rejects(importFeed(deps, file, { name: 'epss-2', checksumPath: sums }), (error) =>
        isFeedError(error, 'feed.checksum_mismatch'),
      );
      const rows = await deps.database.db
        .selectFrom('vuln_epss')
        .select('cve')
        .where('feed', '=', 'epss-2')
        .execute();
      assert.deepEqual(rows, []);
      assert.equal(
        (await listFeeds(deps.database.db, deps.clock.now(), 48)).some((f) => f.name === 'epss-2'),
        false,
      );

      const right = join(scratch, 'right.sha256');
      writeFileSync(
        right,
        `${createHash('sha256').update(readFileSync(file)).digest('hex')}  epss-other.csv.gz\n`,
      );
      const imported = await importFeed(deps, file, { name: 'epss-2', checksumPath: right });
      assert.equal(imported.records, 10);
    });

    test('a file that cannot be read is refused, and the attempt audited', async () => {
      const missing = join(scratch, 'missing.json');
      await assert.rejects(importFeed(deps, missing), (error) => isAppError(error) && error.status < 500);
      assert.match((await auditDetails('failure')).at(-1) ?? '', /missing\.json: unknown kind: /);
    });

    test('a name keeps its kind', async () => {
      await assert.rejects(
        importFeed(deps, join(scratch, 'epss-good.csv.gz'), { name: 'osv-test' }),
        (error) => isAppError(error) && error.code === 'conflict' && /holds osv records/.test(error.message),
      );
      assert.deepEqual(await advisoryIds('osv-test'), ['CVE-2022-27449', 'DSA-3029-1']);
    });

    test(
      'KEV and the Debian tracker import under their kind’s name by default',
      needsCorpora('vuln/kev'),
      async () => {
        const kev = await importFeed(deps, vulnCorpus('kev', 'known_exploited_vulnerabilities.json'));
        assert.equal(kev.feed.name, 'kev');
        assert.equal(kev.records > 1000, true);
        assert.equal(kev.feed.sourceDate, '2025-08-25T17:04:19.9796Z');
        const tracker = await importFeed(deps, vulnCorpus('debian-tracker', 'vunnel', 'debian.json'));
        assert.equal(tracker.feed.name, 'debian-tracker');
        assert.equal(tracker.kind, 'debian-tracker');
        const txt2man = await deps.database.db
          .selectFrom('vuln_advisory_packages')
          .select('ecosystem')
          .where('feed', '=', 'debian-tracker')
          .where('advisory_id', '=', 'CVE-2013-1444')
          .orderBy('ecosystem')
          .execute();
        assert.ok(txt2man.some((row) => row.ecosystem === 'Debian:9'));
      },
    );
  });
});
