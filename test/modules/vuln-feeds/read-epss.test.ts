import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import type { FeedReadOptions } from '../../../src/modules/vuln-feeds/feed-read-options.ts';
import { readEpss } from '../../../src/modules/vuln-feeds/read-epss.ts';
import type { EpssEntry } from '../../../src/protocol/vuln.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { scratchDir, vulnCorpus } from './feed-fixtures.ts';

async function read(path: string, options: FeedReadOptions = {}) {
  const invalid: [string, string][] = [];
  const scores = await readEpss(path, {
    ...options,
    onInvalid: (origin, reason) => invalid.push([origin, reason]),
  });
  const entries: EpssEntry[] = [];
  for await (const entry of scores.entries) entries.push(entry);
  return { modelVersion: scores.modelVersion, scoreDate: scores.scoreDate, entries, invalid };
}

const example = [
  { cve: 'CVE-1999-0001', epss: 0.00383, percentile: 0.73075 },
  { cve: 'CVE-1999-0002', epss: 0.01328, percentile: 0.85996 },
  { cve: 'CVE-1999-0003', epss: 0.04409, percentile: 0.9244 },
  { cve: 'CVE-1999-0004', epss: 0.00917, percentile: 0.82963 },
  { cve: 'CVE-1999-0005', epss: 0.91963, percentile: 0.99214 },
];

describe('readEpss: the EPSS corpus', needsCorpora('vuln/epss'), () => {
  test('example-1.csv: model version, score date and every row', async () => {
    assert.deepEqual(await read(vulnCorpus('epss', 'example-1.csv')), {
      modelVersion: 'v2023.03.01',
      scoreDate: '2025-02-20T00:00:00.000Z',
      entries: example,
      invalid: [],
    });
  });

  test('the rows agree with the per-CVE JSON records beside them', () => {
    for (const entry of example) {
      const record = JSON.parse(
        readFileSync(vulnCorpus('epss', `${entry.cve.toLowerCase()}.json`), 'utf8'),
      ) as {
        item: { cve: string; epss: number; percentile: number; date: string };
      };
      assert.deepEqual(
        { cve: record.item.cve, epss: record.item.epss, percentile: record.item.percentile },
        entry,
      );
      assert.equal(record.item.date, '2025-02-20');
    }
  });

  test('missing-date.csv: documented as readable, with a null score date', async () => {
    assert.deepEqual(await read(vulnCorpus('epss', 'missing-date.csv')), {
      modelVersion: 'v2023.03.01',
      scoreDate: null,
      entries: example,
      invalid: [],
    });
  });

  test('invalid-header.csv: refused, naming the line', async () => {
    const path = vulnCorpus('epss', 'invalid-header.csv');
    await assert.rejects(readEpss(path), (error) => {
      assert.ok(isFeedError(error, 'feed.invalid'));
      assert.equal(
        error.message,
        `${path}:2: expected the header cve,epss,percentile, found "invalid,header,format"`,
      );
      return true;
    });
  });
});

describe('readEpss: gzip, bad rows and hostile files', () => {
  const csv = [
    '#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000',
    'cve,epss,percentile',
    'CVE-2024-0001,0.5,0.9',
    'CVE-2024-0002,1.5,0.9',
    'CVE-2024-0003,0.1',
    'cve-2024-0004,0.1,0.2',
    'CVE-2024-0005,0.1,0.2,0.3',
    `CVE-2024-0006,${'9'.repeat(5000)},0.2`,
    '',
    'CVE-2024-0007,1e-05,1.0\r',
    'CVE-2024-0008,NaN,0.2',
  ].join('\n');

  test('gzip by magic number, CRLF, bad rows reported with their line', async (t) => {
    const dir = await scratchDir(t);
    const path = join(dir, 'epss.csv.gz');
    await writeFile(path, gzipSync(csv));
    const progress: { records: number; bytes: number }[] = [];
    const result = await read(path, { onProgress: (done) => progress.push(done) });
    assert.equal(result.modelVersion, 'v2025.03.14');
    assert.equal(result.scoreDate, '2025-06-01T00:00:00.000Z');
    assert.deepEqual(result.entries, [
      { cve: 'CVE-2024-0001', epss: 0.5, percentile: 0.9 },
      { cve: 'CVE-2024-0007', epss: 0.00001, percentile: 1 },
    ]);
    assert.deepEqual(result.invalid, [
      [`${path}:4`, 'epss "1.5" is not a probability'],
      [`${path}:5`, 'percentile "" is not a probability'],
      [`${path}:6`, '"cve-2024-0004" is not a CVE id'],
      [`${path}:7`, 'more than three columns'],
      [`${path}:8`, 'longer than 1024 bytes'],
      [`${path}:11`, 'epss "NaN" is not a probability'],
    ]);
    assert.equal(progress.at(-1)?.records, 2);
  });

  test('a .gz that is not gzip is read as what it is; corrupt or cut gzip throws feed.unreadable', async (t) => {
    const dir = await scratchDir(t);
    const plain = join(dir, 'plain.csv.gz');
    await writeFile(plain, 'cve,epss,percentile\nCVE-2024-0001,0.5,0.9\n');
    assert.deepEqual((await read(plain)).entries, [{ cve: 'CVE-2024-0001', epss: 0.5, percentile: 0.9 }]);
    const garbage = join(dir, 'garbage.csv.gz');
    await writeFile(garbage, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x01]));
    await assert.rejects(readEpss(garbage), (error) => isFeedError(error, 'feed.invalid'));
    const cut = join(dir, 'cut.csv.gz');
    await writeFile(cut, gzipSync(csv.repeat(50)).subarray(0, 200));
    await assert.rejects(read(cut), (error) => isFeedError(error, 'feed.unreadable'));
    const corrupt = join(dir, 'corrupt.csv.gz');
    await writeFile(corrupt, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(64, 0x41)]));
    await assert.rejects(read(corrupt), (error) => isFeedError(error, 'feed.unreadable'));
  });

  test('empty files, a bad score date and a line without end are refused with clear reasons', async (t) => {
    const dir = await scratchDir(t);
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.csv', '', /no header line/],
      ['comment-only.csv', '#model_version:v1\n', /no header line/],
      [
        'bad-date.csv',
        '#model_version:v1,score_date:yesterday\ncve,epss,percentile\n',
        /score_date "yesterday" is not a date/,
      ],
      ['no-newline.csv', 'x'.repeat(100_000), /found an over-long line/],
    ];
    for (const [name, content, reason] of cases) {
      await writeFile(join(dir, name), content);
      await assert.rejects(
        readEpss(join(dir, name)),
        (error) => isFeedError(error, 'feed.invalid') && reason.test(error.reason),
        name,
      );
    }
  });
});
