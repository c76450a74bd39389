import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { detectFeedKind } from '../../../src/modules/vuln-feeds/detect-feed-kind.ts';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { scratchDir, vulnCorpus, writeZip } from './feed-fixtures.ts';

describe('detectFeedKind', () => {
  test('the corpus feeds, by content', needsCorpora('vuln'), async () => {
    const kinds: [string, string][] = [
      ['osv-records', 'osv'],
      ['osv-records/DSA-3029-1.json', 'osv'],
      ['osv-records/CVE-2022-27449.json', 'osv'],
      ['osv-records/OSV-TEST-last-affected-01.yaml', 'osv'],
      ['debian-tracker/vunnel/debian.json', 'debian-tracker'],
      ['debian-tracker/osv.dev-tracker-mock.json', 'debian-tracker'],
      ['debian-tracker/trivy-db/vuln-list-debian', 'debian-tracker'],
      ['debian-tracker/trivy-db/vuln-list-debian/tracker', 'debian-tracker'],
      ['kev/known_exploited_vulnerabilities.json', 'kev'],
      ['epss/example-1.csv', 'epss'],
      ['epss/missing-date.csv', 'epss'],
    ];
    for (const [path, kind] of kinds) assert.equal(await detectFeedKind(vulnCorpus(path)), kind, path);
    // The catalog's JSON schema mentions catalogVersion too, but is no catalog.
    const schema = vulnCorpus('kev', 'known_exploited_vulnerabilities_schema.json');
    await assert.rejects(detectFeedKind(schema), (error) => isFeedError(error, 'feed.unknown_kind'));
  });

  test('zip and gzip by magic number; anything else is feed.unknown_kind', async (t) => {
    const dir = await scratchDir(t);
    await writeZip(join(dir, 'feed.bin'), [{ name: 'a.json', data: '{}' }]);
    await writeFile(join(dir, 'scores.gz'), gzipSync('cve,epss,percentile\n'));
    await writeFile(join(dir, 'tracker.gz'), gzipSync('{\n "openssl": {\n  "CVE-2024-0001": {}}}'));
    await writeFile(join(dir, 'random.gz'), Buffer.from([0x1f, 0x8b, 0x00, 0x00]));
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, 'other.json'), '{"name": "a package.json"}');
    await writeFile(join(dir, 'empty.json'), '');
    await mkdir(join(dir, 'empty-dir'));
    assert.equal(await detectFeedKind(join(dir, 'feed.bin')), 'osv');
    assert.equal(await detectFeedKind(join(dir, 'scores.gz')), 'epss');
    assert.equal(await detectFeedKind(join(dir, 'tracker.gz')), 'debian-tracker');
    await assert.rejects(detectFeedKind(join(dir, 'random.gz')), (error) =>
      isFeedError(error, 'feed.unreadable'),
    );
    for (const name of ['notes.txt', 'other.json', 'empty.json', 'empty-dir']) {
      await assert.rejects(
        detectFeedKind(join(dir, name)),
        (error) => isFeedError(error, 'feed.unknown_kind'),
        name,
      );
    }
    await assert.rejects(detectFeedKind(join(dir, 'absent')), (error) =>
      isFeedError(error, 'feed.unreadable'),
    );
  });
});
