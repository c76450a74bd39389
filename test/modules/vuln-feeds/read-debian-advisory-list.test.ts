import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { detectFeedKind } from '../../../src/modules/vuln-feeds/detect-feed-kind.ts';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { readDebianAdvisoryList } from '../../../src/modules/vuln-feeds/read-debian-advisory-list.ts';
import { readDebianTracker } from '../../../src/modules/vuln-feeds/read-debian-tracker.ts';
import { Advisory, type AdvisoryAffected } from '../../../src/protocol/vuln.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { readAll, scratchDir, vulnCorpus } from './feed-fixtures.ts';

async function read(path: string) {
  const { items, invalid } = await readAll((options) => readDebianAdvisoryList(path, options));
  for (const advisory of items) Advisory.parse(advisory);
  return { byId: new Map(items.map((advisory) => [advisory.id, advisory])), items, invalid };
}

function fixed(ecosystem: string, name: string, version: string): AdvisoryAffected {
  return {
    ecosystem,
    name,
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: version }] }],
    versions: [],
    tracker: { state: 'fixed', fixed: version },
  };
}

function dsa(
  id: string,
  date: string,
  summary: string,
  aliases: string[],
  affected: AdvisoryAffected[],
): Advisory {
  const published = `${date}T00:00:00.000Z`;
  return {
    id,
    source: id.startsWith('DLA') ? 'debian-dla' : 'debian-dsa',
    aliases,
    summary,
    published,
    modified: published,
    withdrawn: null,
    cvss: [],
    severityText: null,
    references: [`https://security-tracker.debian.org/tracker/${id}`],
    affected,
  };
}

describe('readDebianAdvisoryList: the tracker DSA list fixture', needsCorpora('vuln/debian-tracker'), () => {
  const path = vulnCorpus('debian-tracker', 'vunnel', 'DSA');

  test('one advisory per entry with packages, in file order; notices without packages yield none', async () => {
    const { byId, items, invalid } = await read(path);
    assert.deepEqual(invalid, []);
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      ['DSA-141', 'DSA-140', 'DSA-139', 'DSA-138', 'DSA-2808-2', 'DSA-4323-1', 'DSA-5970-1'],
    );
    // Without package lines: iceape's "several", the key change notice, jessie's end of life.
    for (const id of ['DSA-2819-1', 'DSA-3281-1', 'DSA-4205-1']) assert.equal(byId.get(id), undefined, id);
    assert.deepEqual(
      byId.get('DSA-141'),
      dsa(
        'DSA-141',
        '2002-08-01',
        'mpack - buffer overflow',
        ['CVE-2002-1425'],
        [fixed('Debian:3.0', 'mpack', '1.5-7woody2')],
      ),
    );
    assert.deepEqual(
      byId.get('DSA-140'),
      dsa(
        'DSA-140',
        '2002-08-05',
        'libpng - buffer overflow',
        ['CVE-2002-0660', 'CVE-2002-0728'],
        [
          fixed('Debian:3.0', 'libpng', '1.0.12-3.woody.2'),
          fixed('Debian:3.0', 'libpng3', '1.2.1-1.1.woody.2'),
        ],
      ),
    );
    assert.deepEqual(
      byId.get('DSA-2808-2'),
      dsa(
        'DSA-2808-2',
        '2014-04-22',
        'openjpeg - regression update',
        [],
        [
          fixed('Debian:6.0', 'openjpeg', '1.3+dfsg-4+squeeze3'),
          fixed('Debian:7', 'openjpeg', '1.3+dfsg-4.8'),
        ],
      ),
    );
    assert.deepEqual(
      byId.get('DSA-5970-1'),
      dsa(
        'DSA-5970-1',
        '2025-07-31',
        'sope - security update',
        ['CVE-2025-53603'],
        [fixed('Debian:12', 'sope', '5.8.0-1+deb12u1')],
      ),
    );
  });

  test('detected as the debian-tracker kind, and readDebianTracker reads it the same', async () => {
    assert.equal(await detectFeedKind(path), 'debian-tracker');
    const direct = await read(path);
    const routed = await readAll((options) => readDebianTracker(path, options));
    assert.deepEqual(routed, { items: direct.items, invalid: [] });
  });
});

describe('readDebianAdvisoryList: the list format', () => {
  test('tabs or spaces, CRLF, a BOM, DLA ids, state words with reasons, NOTE lines, gzip', async (t) => {
    const dir = await scratchDir(t);
    const list = [
      '\uFEFF[02 Jan 2024] DLA-3700-1 openssl - security update',
      '\t{CVE-2023-5678 CVE-2023-6129}',
      '\t[buster] - openssl 1.1.1n-0+deb10u7',
      '\t[bullseye] - openssl <not-affected> (Vulnerable code not present)',
      '\tNOTE: https://www.openssl.org/news/secadv/20231106.txt',
      '',
      '[29 Feb 2024] DSA-5630-1 thunderbird - security update',
      '        [bookworm] - thunderbird <end-of-life>',
      '        [bullseye] - thunderbird <unfixed>',
      '        [buster] - thunderbird <removed>',
      '[01 Mar 2024] DSA-5631-1 iwd - security update',
      '\t[buster] - iwd <removed>',
    ].join('\r\n');
    await writeFile(join(dir, 'list'), list);
    await writeFile(join(dir, 'list.gz'), gzipSync(list));
    const expected = [
      dsa(
        'DLA-3700-1',
        '2024-01-02',
        'openssl - security update',
        ['CVE-2023-5678', 'CVE-2023-6129'],
        [
          fixed('Debian:10', 'openssl', '1.1.1n-0+deb10u7'),
          {
            ecosystem: 'Debian:11',
            name: 'openssl',
            ranges: [],
            versions: [],
            tracker: { state: 'not-affected', reason: 'Vulnerable code not present' },
          },
        ],
      ),
      dsa(
        'DSA-5630-1',
        '2024-02-29',
        'thunderbird - security update',
        [],
        [
          {
            ecosystem: 'Debian:12',
            name: 'thunderbird',
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
            versions: [],
            tracker: { state: 'end-of-life' },
          },
          {
            ecosystem: 'Debian:11',
            name: 'thunderbird',
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
            versions: [],
            tracker: { state: 'unfixed' },
          },
        ],
      ),
      // iwd's only line says the package left buster: nothing to match.
    ];
    for (const name of ['list', 'list.gz']) {
      const { items, invalid } = await read(join(dir, name));
      assert.deepEqual(invalid, [], name);
      assert.deepEqual(items, expected, name);
      assert.equal(await detectFeedKind(join(dir, name)), 'debian-tracker', name);
    }
  });

  test('hostile lines are told with their line number and skipped; the rest still reads', async (t) => {
    const dir = await scratchDir(t);
    const path = join(dir, 'list');
    const lines = [
      '[05 Aug 2002] DSA-140 libpng - buffer overflow', // 1
      `\t{CVE-2002-0660 ${'A'.repeat(1024 * 1024)}}`, // 2: a 1 MB line
      '\t[woody] - libpng 1.0.12-3.woody.2', // 3
      '\tgarbage', // 4
      '\t{CVE-2002-0728 BUG-1}', // 5
      '\t[woody] libpng3 1.2.1-1.1.woody.2', // 6
      '\t[hamster] - libpng3 1.2.1-1.1.woody.2', // 7
      '\t[woody] - LibPNG 1.2', // 8
      '\t[woody] - libpng3 not-a-version', // 9
      '\t[woody] - libpng3 1.2.1 and more', // 10
      '\t[woody] - libpng3 <maybe>', // 11
      '\t[hamster] - libpng 1.0', // 12: the same unknown release, told once
      'garbage at the start of a line', // 13: ends DSA-140
      '\t[woody] - mpack 1.5-7woody2', // 14: not DSA-140's, dropped with its header
      '[31 Feb 2024] DSA-9000-1 x - y', // 15: no such day
      '\t[bookworm] - x 1.0-1', // 16
      '[01 Jan 2024] USN-1-1 x - y', // 17
      `[01 Jan 2024] DSA-9001-1 ${'x'.repeat(10_000)}`, // 18: cut, not refused
      '\t[bookworm] - xz 1.0-1', // 19
      '[31 Jul 2025] DSA-5970-1 sope - security update', // 20
      '\t{CVE-2025-53603}', // 21
      '\t[bookworm] - so', // 22: the file ends mid-line
    ];
    await writeFile(path, lines.join('\n'));
    const { items, invalid } = await read(path);
    assert.deepEqual(invalid, [
      [`${path}:2`, 'longer than 65536 bytes'],
      [`${path}:4`, 'not a {CVE…}, [release] or NOTE: line'],
      [`${path}:5`, '"BUG-1" is not a CVE id'],
      [`${path}:6`, 'not a "[release] - package version" line'],
      [`${path}:7`, 'unknown Debian release "hamster", skipped'],
      [`${path}:8`, '"LibPNG" is not a source package name'],
      [`${path}:9`, '"not-a-version" is not a Debian version'],
      [`${path}:10`, 'text after the version'],
      [`${path}:11`, '"<maybe>" is not a Debian version'],
      [`${path}:13`, 'not a "[DD Mon YYYY] DSA-…" header'],
      [`${path}:15`, '"[31 Feb 2024]" is not a date'],
      [`${path}:17`, '"USN-1-1" is not a DSA or DLA id'],
      [`${path}:22`, 'no version after the package'],
    ]);
    assert.deepEqual(
      items.map((advisory) => [advisory.id, advisory.summary.length, advisory.aliases, advisory.affected]),
      [
        [
          'DSA-140',
          'libpng - buffer overflow'.length,
          [],
          [fixed('Debian:3.0', 'libpng', '1.0.12-3.woody.2')],
        ],
        ['DSA-9001-1', 300, [], [fixed('Debian:12', 'xz', '1.0-1')]],
      ],
    );
  });

  test('a file that is not a list as a whole is refused', async (t) => {
    const dir = await scratchDir(t);
    const files: [string, string][] = [
      ['empty', ''],
      ['blank', '\n\n  \n'],
      ['json', '{"openssl": {}}'],
      ['indented', '\t[bookworm] - x 1.0-1\n[01 Jan 2024] DSA-1-1 x - y\n'],
      ['long', `[01 Jan 2024] DSA-1-1 ${'x'.repeat(1024 * 1024)}\n`],
      ['bad-header', '[01 Jan 2024 DSA-1-1 x - y\n\t[bookworm] - x 1.0-1\n'],
    ];
    for (const [name, text] of files) {
      await writeFile(join(dir, name), text);
      await assert.rejects(
        read(join(dir, name)),
        (error) => isFeedError(error, 'feed.invalid') && error.message.includes('not a Debian DSA/DLA list'),
        name,
      );
    }
    // Not a list to detection either (a JSON array starts with "[" too).
    await writeFile(join(dir, 'array.json'), '[{"id": "DSA-1-1"}]');
    for (const name of ['bad-header', 'array.json']) {
      await assert.rejects(
        detectFeedKind(join(dir, name)),
        (error) => isFeedError(error, 'feed.unknown_kind'),
        name,
      );
    }
  });
});
