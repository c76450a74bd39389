import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { maxRecordBytes } from '../../../src/modules/vuln-feeds/read-osv-entry.ts';
import { readOsvSource } from '../../../src/modules/vuln-feeds/read-osv-source.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { readAll, scratchDir, vulnCorpus, writeZip, type ZipEntry } from './feed-fixtures.ts';
import { needs } from '../../helpers/requirements.ts';

const record = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, modified: '2024-01-01T00:00:00Z', ...extra });

describe('readOsvSource: directories', needsCorpora('vuln/osv-schema'), () => {
  test('the osv-records corpus: every record, JSON and YAML, in name order', async () => {
    const { items, invalid } = await readAll((options) => readOsvSource(vulnCorpus('osv-records'), options));
    assert.deepEqual(invalid, []);
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      [
        'CVE-2022-27449',
        'DSA-3029-1',
        'GHSA-838r-hvwh-24h8',
        'OSV-TEST-last-affected-01',
        'UBUNTU-CVE-2025-38094',
      ],
    );
  });

  test('recursive: the schema tools tree gives its OSV records and reports the rest, with reasons', async () => {
    const { items, invalid } = await readAll((options) =>
      readOsvSource(vulnCorpus('osv-schema', 'tools'), options),
    );
    assert.equal(items.length, 11 + 11);
    assert.equal(invalid.length, 11 + 1);
    const tools = vulnCorpus('osv-schema', 'tools');
    assert.deepEqual(invalid.at(-1), [
      `${tools}/osv-linter/testdata/nointroduced-CVE-2023-41045.json`,
      'not an OSV record: affected.0.ranges.0: a range needs an introduced event',
    ]);
    for (const [origin, reason] of invalid.slice(0, -1)) {
      assert.match(origin, /\/ghsa\/testdata\/[a-z_]+\.json$/);
      assert.match(reason, /^not an OSV record: id: /);
    }
  });

  test('hidden directories, other extensions and symbolic links are not read; oversized files are skipped', async (t) => {
    const dir = await scratchDir(t);
    await mkdir(join(dir, '.git'));
    await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
    await writeFile(join(dir, '.git', 'x.json'), record('x_HIDDEN-1'));
    await writeFile(join(dir, 'README.md'), '# not a record');
    await writeFile(join(dir, 'sub', 'deeper', 'b.yml'), 'id: x_B-1\nmodified: 2024-01-01T00:00:00Z\n');
    await writeFile(join(dir, 'a.json'), record('x_A-1'));
    await writeFile(join(dir, 'big.json'), Buffer.alloc(maxRecordBytes + 1, 0x20));
    await symlink(vulnCorpus('osv-records'), join(dir, 'linked'));
    const { items, invalid } = await readAll((options) => readOsvSource(dir, options));
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      ['x_A-1', 'x_B-1'],
    );
    assert.deepEqual(invalid, [[join(dir, 'big.json'), `larger than ${maxRecordBytes} bytes`]]);
  });

  test('one record file on its own; a broken one throws', async (t) => {
    const dir = await scratchDir(t);
    await writeFile(join(dir, 'one.json'), record('x_ONE-1'));
    await writeFile(join(dir, 'broken.json'), '{"id": "x_ONE-1", "modi');
    assert.deepEqual(
      (await readAll((options) => readOsvSource(join(dir, 'one.json'), options))).items.map((a) => a.id),
      ['x_ONE-1'],
    );
    await assert.rejects(
      readAll((options) => readOsvSource(join(dir, 'broken.json'), options)),
      (error) => isFeedError(error, 'feed.invalid'),
    );
    await assert.rejects(
      readAll((options) => readOsvSource(join(dir, 'missing'), options)),
      (error) => {
        assert.ok(isFeedError(error, 'feed.unreadable'));
        assert.equal(error.message, `${join(dir, 'missing')}: cannot read (ENOENT)`);
        return true;
      },
    );
  });
});

describe('readOsvSource: all.zip archives', () => {
  test('entries are read one by one, stored or deflated; directories and other files are passed over', async (t) => {
    const dir = await scratchDir(t);
    const zip = join(dir, 'all.zip');
    const dsa = await readFile(vulnCorpus('osv-records', 'DSA-3029-1.json'));
    await writeZip(zip, [
      { name: 'DSA-3029-1.json', data: dsa, deflate: true },
      { name: 'nested/', data: '' },
      { name: 'nested/x_B-1.json', data: record('x_B-1') },
      { name: 'notes.txt', data: 'not a record' },
      { name: 'x_BAD-1.json', data: '{"id": 1}', deflate: true },
    ]);
    const progress: { records: number; bytes: number }[] = [];
    const { items, invalid } = await readAll((options) => readOsvSource(zip, options), {
      onProgress: (done) => progress.push(done),
    });
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      ['DSA-3029-1', 'x_B-1'],
    );
    assert.deepEqual(items[0]?.affected[0]?.ranges[0]?.events[1], { fixed: '1.2.1-2.2+wheezy3' });
    assert.deepEqual(invalid, [
      [
        `${zip}#x_BAD-1.json`,
        'not an OSV record: id: Invalid input: expected string, received number (and 1 more)',
      ],
    ]);
    assert.equal(progress.at(-1)?.records, 2);
    assert.ok((progress.at(-1)?.bytes ?? 0) > 0);
  });

  test('path traversal, absolute and backslash names are ignored and reported, the rest still read', async (t) => {
    const dir = await scratchDir(t);
    const zip = join(dir, 'hostile.zip');
    await writeZip(zip, [
      { name: '../evil.json', data: record('x_EVIL-1') },
      { name: 'a/../../evil.json', data: record('x_EVIL-2') },
      { name: '/etc/evil.json', data: record('x_EVIL-3') },
      { name: 'C:/evil.json', data: record('x_EVIL-4') },
      { name: '..\\evil.json', data: record('x_EVIL-5') },
      { name: 'good.json', data: record('x_GOOD-1') },
    ]);
    const { items, invalid } = await readAll((options) => readOsvSource(zip, options));
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      ['x_GOOD-1'],
    );
    assert.deepEqual(
      invalid.map(([origin, reason]) => [origin.slice(zip.length), reason.split(':')[0]]),
      [
        ['#../evil.json', 'entry refused'],
        ['#a/../../evil.json', 'entry refused'],
        ['#/etc/evil.json', 'entry refused'],
        ['#C:/evil.json', 'entry refused'],
        ['#..\\evil.json', 'entry refused'],
      ],
    );
  });

  test('an entry declared larger than the bound is skipped without being inflated', async (t) => {
    const dir = await scratchDir(t);
    const zip = join(dir, 'bomb.zip');
    await writeZip(zip, [
      { name: 'bomb.json', data: Buffer.alloc(maxRecordBytes + 1, 0x20), deflate: true },
      { name: 'good.json', data: record('x_GOOD-1') },
    ]);
    const { items, invalid } = await readAll((options) => readOsvSource(zip, options));
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      ['x_GOOD-1'],
    );
    assert.deepEqual(invalid, [[`${zip}#bomb.json`, `larger than ${maxRecordBytes} bytes`]]);
  });

  test('an archive that lies about an entry size or CRC, or is cut short, throws feed.unreadable', async (t) => {
    const dir = await scratchDir(t);
    const lies: [string, ZipEntry][] = [
      ['size.zip', { name: 'a.json', data: record('x_A-1'), deflate: true, declaredSize: 10 }],
      ['crc.zip', { name: 'a.json', data: record('x_A-1'), declaredCrc: 1234 }],
      ['deflate.zip', { name: 'a.json', data: record('x_A-1'), deflate: true, declaredSize: 1 << 20 }],
    ];
    for (const [name, entry] of lies) {
      await writeZip(join(dir, name), [entry]);
      await assert.rejects(
        readAll((options) => readOsvSource(join(dir, name), options)),
        (error) => isFeedError(error, 'feed.unreadable') && error.reason.includes('corrupt entry'),
        name,
      );
    }
    const garbage = join(dir, 'garbage.zip');
    await writeZip(garbage, [{ name: 'a.json', data: record('x_A-1'), deflate: true }]);
    const bytes = await readFile(garbage);
    bytes.fill(0xff, 30 + 'a.json'.length, 30 + 'a.json'.length + 8);
    await writeFile(garbage, bytes);
    await assert.rejects(
      readAll((options) => readOsvSource(garbage, options)),
      (error) => isFeedError(error, 'feed.unreadable'),
    );
    const whole = join(dir, 'whole.zip');
    await writeZip(whole, [{ name: 'a.json', data: record('x_A-1') }]);
    const cut = join(dir, 'cut.zip');
    const wholeBytes = await readFile(whole);
    await writeFile(cut, wholeBytes.subarray(0, wholeBytes.length - 30));
    await assert.rejects(
      readAll((options) => readOsvSource(cut, options)),
      (error) => isFeedError(error, 'feed.unreadable'),
    );
  });

  test(
    'an archive made by Info-ZIP zip, as osv.dev publishes them',
    needs('zip', 'packs a real all.zip'),
    async (t) => {
      const dir = await scratchDir(t);
      const records = join(dir, 'records');
      await mkdir(records);
      for (const name of ['DSA-3029-1.json', 'GHSA-838r-hvwh-24h8.json', 'UBUNTU-CVE-2025-38094.json']) {
        await writeFile(join(records, name), await readFile(vulnCorpus('osv-records', name)));
      }
      execFileSync('zip', ['-q', '-r', '-9', join(dir, 'all.zip'), '.'], { cwd: records });
      const { items, invalid } = await readAll((options) => readOsvSource(join(dir, 'all.zip'), options));
      assert.deepEqual(invalid, []);
      assert.deepEqual(items.map((advisory) => [advisory.id, advisory.affected[0]?.versions.length]).sort(), [
        ['DSA-3029-1', 0],
        ['GHSA-838r-hvwh-24h8', 0],
        ['UBUNTU-CVE-2025-38094', 180],
      ]);
    },
  );

  test('an aborted read stops with the abort reason', async (t) => {
    const dir = await scratchDir(t);
    const zip = join(dir, 'all.zip');
    await writeZip(
      zip,
      Array.from({ length: 5 }, (_, i) => ({ name: `x_${i}.json`, data: record(`x_N-${i}`) })),
    );
    const controller = new AbortController();
    const seen: string[] = [];
    await assert.rejects(
      async () => {
        for await (const advisory of readOsvSource(zip, { signal: controller.signal })) {
          seen.push(advisory.id);
          controller.abort();
        }
      },
      { name: 'AbortError' },
    );
    assert.deepEqual(seen, ['x_N-0']);
  });
});
