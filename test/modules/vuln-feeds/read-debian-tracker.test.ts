import assert from 'node:assert/strict';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { readDebianTracker } from '../../../src/modules/vuln-feeds/read-debian-tracker.ts';
import { Advisory } from '../../../src/protocol/vuln.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { readAll, scratchDir, vulnCorpus } from './feed-fixtures.ts';

/** `ecosystem name state [fixed|reason] [urgency]`, one line per affected entry: compact and exact. */
function states(advisory: Advisory | undefined): string[] {
  assert.ok(advisory);
  return advisory.affected.map(({ ecosystem, name, tracker, ranges }) => {
    assert.ok(tracker);
    const second = ranges[0]?.events[1];
    const fixedRange = second !== undefined && 'fixed' in second ? second.fixed : undefined;
    assert.equal(
      fixedRange,
      tracker.state === 'fixed' ? tracker.fixed : undefined,
      'ranges agree with the state',
    );
    assert.equal(ranges.length, tracker.state === 'not-affected' ? 0 : 1);
    return [ecosystem, name, tracker.state, tracker.fixed ?? tracker.reason, tracker.urgency]
      .filter((part) => part !== undefined)
      .join(' ');
  });
}

async function read(path: string) {
  const { items, invalid } = await readAll((options) => readDebianTracker(path, options));
  for (const advisory of items) Advisory.parse(advisory);
  return { byId: new Map(items.map((advisory) => [advisory.id, advisory])), items, invalid };
}

describe('readDebianTracker: the tracker JSON fixtures', needsCorpora('vuln/debian-tracker'), () => {
  test('vunnel/debian.json: fixed, never affected ("0"), end of life, empty releases', async () => {
    const path = vulnCorpus('debian-tracker', 'vunnel', 'debian.json');
    const { byId, items, invalid } = await read(path);
    assert.deepEqual(invalid, []);
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      [
        'CVE-2008-7220',
        'CVE-2007-2383',
        'CVE-2013-1444',
        'CVE-2005-3111',
        'CVE-2022-0456',
        'CVE-2025-53603',
        'CVE-2022-0358',
      ],
    );
    assert.deepEqual(states(byId.get('CVE-2008-7220')), [
      'Debian:9 prototypejs fixed 1.6.0.2-1 high',
      'Debian:8 prototypejs fixed 1.6.0.2-1 high',
      'Debian:10 prototypejs fixed 1.6.0.2-1 high',
      'Debian:sid prototypejs fixed 1.6.0.2-1 high',
    ]);
    assert.deepEqual(states(byId.get('CVE-2007-2383')), [
      'Debian:9 prototypejs not-affected unimportant',
      'Debian:8 prototypejs not-affected unimportant',
      'Debian:10 prototypejs not-affected unimportant',
      'Debian:sid prototypejs not-affected unimportant',
    ]);
    assert.deepEqual(states(byId.get('CVE-2013-1444')), [
      'Debian:9 txt2man fixed 1.5.5-4.1 low',
      'Debian:8 txt2man fixed 1.5.5-4.1 low',
      'Debian:10 txt2man fixed 1.5.5-4.1 low',
      'Debian:sid txt2man fixed 1.5.5-4.1 low',
    ]);
    assert.deepEqual(states(byId.get('CVE-2005-3111'))[0], 'Debian:9 backupninja fixed 0.8-2 medium');
    assert.deepEqual(states(byId.get('CVE-2025-53603')), [
      'Debian:12 sope fixed 5.8.0-1+deb12u1',
      'Debian:11 sope fixed 5.0.1-2+deb11u1',
      'Debian:sid sope fixed 5.12.1-2',
      'Debian:13 sope fixed 5.12.1-2',
    ]);
    const { mtime } = await stat(path);
    assert.deepEqual(byId.get('CVE-2022-0456'), {
      id: 'CVE-2022-0456',
      source: 'debian-tracker',
      aliases: [],
      summary: '',
      published: null,
      modified: mtime.toISOString(),
      withdrawn: null,
      cvss: [],
      severityText: null,
      references: ['https://security-tracker.debian.org/tracker/CVE-2022-0456'],
      affected: [
        ['Debian:12', { state: 'fixed', fixed: '98.0.4758.80-1' }],
        ['Debian:11', { state: 'fixed', fixed: '98.0.4758.80-1~deb11u1' }],
        ['Debian:10', { state: 'end-of-life' }],
        ['Debian:sid', { state: 'fixed', fixed: '98.0.4758.80-1' }],
        ['Debian:9', { state: 'end-of-life' }],
      ].map(([ecosystem, tracker]) => {
        const state = tracker as { state: string; fixed?: string };
        return {
          ecosystem,
          name: 'chromium',
          ranges: [
            {
              type: 'ECOSYSTEM',
              events:
                state.fixed === undefined
                  ? [{ introduced: '0' }]
                  : [{ introduced: '0' }, { fixed: state.fixed }],
            },
          ],
          versions: [],
          tracker,
        };
      }),
    });
    assert.deepEqual(byId.get('CVE-2022-0358')?.affected, []);
    assert.equal(byId.get('CVE-2008-7220')?.severityText, 'high');
    assert.equal(
      byId.get('CVE-2013-1444')?.summary,
      'A certain Debian patch for txt2man 1.5.5, as used in txt2man 1.5.5-2, 1.5.5-4, and others, allows local users to overwrite arbitrary files via a symlink attack on /tmp/2222.',
    );
  });

  test('osv.dev-tracker-mock.json: unimportant open issues stay unfixed, with their urgency', async () => {
    const { byId, invalid } = await read(vulnCorpus('debian-tracker', 'osv.dev-tracker-mock.json'));
    assert.deepEqual(invalid, []);
    assert.deepEqual(states(byId.get('CVE-2014-1424')), [
      'Debian:12 apparmor not-affected unimportant',
      'Debian:11 apparmor not-affected unimportant',
      'Debian:10 apparmor not-affected unimportant',
      'Debian:sid apparmor not-affected unimportant',
      'Debian:13 apparmor not-affected unimportant',
    ]);
    assert.deepEqual(states(byId.get('CVE-2016-1585')), [
      'Debian:12 apparmor unfixed unimportant',
      'Debian:11 apparmor unfixed unimportant',
      'Debian:10 apparmor unfixed unimportant',
      'Debian:sid apparmor fixed 3.0.12-1 unimportant',
      'Debian:13 apparmor fixed 3.0.12-1 unimportant',
    ]);
    assert.deepEqual(states(byId.get('CVE-2017-6507')), [
      'Debian:12 apparmor fixed 2.11.0-3',
      'Debian:11 apparmor fixed 2.11.0-3',
      'Debian:10 apparmor fixed 2.11.0-3',
      'Debian:sid apparmor fixed 2.11.0-3',
      'Debian:13 apparmor fixed 2.11.0-3',
    ]);
    assert.equal(byId.get('CVE-2016-1585')?.severityText, 'unimportant');
  });
});

describe('readDebianTracker: vuln-list-debian annotations', needsCorpora('vuln/debian-tracker'), () => {
  test('tracker/CVE/*.json: an annotation without a release stands for every release without its own', async () => {
    const dir = vulnCorpus('debian-tracker', 'trivy-db', 'vuln-list-debian');
    const { byId, items, invalid } = await read(dir);
    assert.deepEqual(invalid, []);
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      [
        'CVE-2016-4606',
        'CVE-2020-8631',
        'CVE-2021-29629',
        'CVE-2021-33560',
        'CVE-2021-3450',
        'CVE-2023-5981',
      ],
    );
    const releases = ['7', '8', '9', '10', '11', '12', '13', 'sid'].map((version) => `Debian:${version}`);
    const each = (line: (ecosystem: string) => string) => releases.map(line);
    assert.deepEqual(
      states(byId.get('CVE-2016-4606')),
      each((e) => `${e} curl not-affected Only applies to Curl on Mac OS`),
    );
    assert.deepEqual(
      states(byId.get('CVE-2020-8631')),
      each((e) =>
        e === 'Debian:9' || e === 'Debian:11'
          ? `${e} cloud-init no-dsa Minor issue`
          : `${e} cloud-init fixed 19.4-2`,
      ),
    );
    assert.deepEqual(
      states(byId.get('CVE-2021-29629')),
      each((e) =>
        e === 'Debian:9'
          ? `${e} dacs not-affected Vulnerable module first bundled in 1.4.40`
          : e === 'Debian:10'
            ? `${e} dacs ignored Minor issue`
            : `${e} dacs unfixed unimportant`,
      ),
    );
    assert.deepEqual(
      states(byId.get('CVE-2021-33560')),
      each((e) =>
        e === 'Debian:9'
          ? `${e} libgcrypt20 no-dsa Minor issue`
          : e === 'Debian:10'
            ? `${e} libgcrypt20 fixed 1.8.4-5+deb10u1`
            : `${e} libgcrypt20 fixed 1.8.7-6`,
      ),
    );
    assert.deepEqual(states(byId.get('CVE-2021-3450')), [
      ...each((e) =>
        e === 'Debian:9' || e === 'Debian:10'
          ? `${e} openssl not-affected Vulnerable code introduced in 1.1.1h`
          : `${e} openssl fixed 1.1.1k-1`,
      ),
      ...each((e) => `${e} openssl1.0 not-affected Vulnerable code introduced in 1.1.1h`),
    ]);
    assert.deepEqual(
      states(byId.get('CVE-2023-5981')),
      each((e) =>
        e === 'Debian:12'
          ? `${e} gnutls28 fixed 3.7.9-2+deb12u1`
          : e === 'Debian:11'
            ? `${e} gnutls28 fixed 3.7.1-5+deb11u5`
            : `${e} gnutls28 fixed 3.8.2-1`,
      ),
    );
    const cve = byId.get('CVE-2021-33560');
    assert.equal(cve?.summary, 'Libgcrypt before 1.8.8 and 1.9.x before 1.9.3 mishandles ElGamal encry ...');
    assert.deepEqual(cve.references, [
      'https://security-tracker.debian.org/tracker/CVE-2021-33560',
      'https://dev.gnupg.org/T5328',
      'https://git.gnupg.org/cgi-bin/gitweb.cgi?p=libgcrypt.git;a=commit;h=3462280f2e23e16adf3ed5176e0f2413d8861320',
    ]);
    assert.equal(byId.get('CVE-2021-29629')?.severityText, 'unimportant');
    // The `tracker` directory itself works as well.
    assert.equal((await read(join(dir, 'tracker'))).items.length, 6);
  });

  test('unknown kinds and releases are reported, removed packages give no entry', async (t) => {
    const dir = await scratchDir(t);
    await writeFile(
      join(dir, 'distributions.json'),
      JSON.stringify({ bookworm: { 'major-version': '12' }, sid: { 'major-version': '' } }),
    );
    await mkdir(join(dir, 'CVE'));
    const annotation = (extra: Record<string, unknown>) => ({ Type: 'package', Package: 'pkg', ...extra });
    await writeFile(
      join(dir, 'CVE', 'CVE-2024-0001.json'),
      JSON.stringify({
        Header: { ID: 'CVE-2024-0001', Description: '(something)' },
        Annotations: [
          annotation({ Kind: 'unfixed' }),
          annotation({ Release: 'bookworm', Kind: 'postponed', Description: 'Revisit when fixed upstream' }),
          annotation({ Release: 'sid', Kind: 'removed' }),
          annotation({ Release: 'hamm', Kind: 'end-of-life' }),
          annotation({ Release: 'nowhere', Kind: 'fixed', Version: '1' }),
          annotation({ Package: 'other', Kind: 'weird' }),
          annotation({ Package: 'Bad Name', Kind: 'unfixed' }),
          { Type: 'package', Package: 42 },
        ],
      }),
    );
    await writeFile(join(dir, 'CVE', 'CVE-2024-0002.json'), '{"Header": ');
    await writeFile(join(dir, 'CVE', 'NOT-AN-ID.json'), JSON.stringify({ Header: { ID: 'NOT-AN-ID' } }));
    const { items, invalid } = await read(dir);
    assert.deepEqual(states(items[0]), [
      'Debian:12 pkg postponed Revisit when fixed upstream',
      'Debian:2.0 pkg end-of-life',
    ]);
    assert.deepEqual(
      invalid.map(([origin, reason]) => [origin.replace(`${dir}/CVE/`, ''), reason.split(':')[0]]),
      [
        ['CVE-2024-0001.json#6', 'not a Debian source package name'],
        ['CVE-2024-0001.json#7', 'Package'],
        ['CVE-2024-0001.json', 'unknown Debian release "nowhere", skipped'],
        ['CVE-2024-0001.json#other/bookworm', 'unknown annotation kind "weird"'],
        ['CVE-2024-0001.json#other/sid', 'unknown annotation kind "weird"'],
        ['CVE-2024-0002.json', 'not JSON'],
        ['NOT-AN-ID.json', 'not a CVE or TEMP id'],
      ],
    );
    assert.equal(items.length, 1);
  });

  test('a directory without distributions.json is refused', async (t) => {
    const dir = await scratchDir(t);
    await assert.rejects(
      readAll((options) => readDebianTracker(dir, options)),
      (error) => isFeedError(error, 'feed.invalid'),
    );
  });
});

describe('readDebianTracker: states, merging and hostile input (synthetic feeds)', () => {
  const release = (status: string, extra: Record<string, unknown> = {}) => ({
    status,
    repositories: { x: '1' },
    urgency: 'not yet assigned',
    ...extra,
  });
  const feed = {
    aaa: {
      'CVE-2024-1000': {
        description: 'Shared by two packages',
        releases: {
          bookworm: release('open', { nodsa: 'Minor issue', nodsa_reason: '', urgency: 'low' }),
          bullseye: release('open', { nodsa: 'Revisit when fixed upstream', nodsa_reason: 'postponed' }),
          buster: release('open', {
            nodsa: 'Intrusive to backport',
            nodsa_reason: 'ignored',
            urgency: 'medium*',
          }),
          trixie: release('undetermined'),
          sid: release('resolved', { fixed_version: '2.0-1', urgency: 'high**' }),
          experimental: release('open'),
        },
      },
      'TEMP-0000000-A1B2C3': { description: 'A TEMP id', releases: { sid: release('open') } },
      'not-an-id': { releases: {} },
    },
    'bad name': { 'CVE-2024-2000': { releases: {} } },
    mmm: 'not an object',
    zzz: {
      'CVE-2024-1000': {
        description: 'Shared by two packages (zzz)',
        releases: {
          bookworm: release('resolved', { fixed_version: '0' }),
          bullseye: release('resolved'),
          buster: release('fixed?'),
          experimental: release('open'),
        },
      },
      'CVE-2024-3000': { description: 'Wrong types', releases: 'none' },
      'CVE-2024-4000': { description: 'x'.repeat(2 * 1024 * 1024), releases: {} },
    },
  };

  test('no-dsa, postponed, ignored, undetermined; the same CVE under two packages is one advisory', async (t) => {
    const dir = await scratchDir(t);
    const path = join(dir, 'tracker.json');
    await writeFile(path, JSON.stringify(feed, null, 1));
    const { items, invalid } = await read(path);
    assert.deepEqual(
      items.map((advisory) => advisory.id),
      ['TEMP-0000000-A1B2C3', 'CVE-2024-1000'],
    );
    const merged = items[1];
    assert.deepEqual(states(merged), [
      'Debian:12 aaa no-dsa Minor issue low',
      'Debian:11 aaa postponed Revisit when fixed upstream',
      'Debian:10 aaa ignored Intrusive to backport medium',
      'Debian:13 aaa unfixed',
      'Debian:sid aaa fixed 2.0-1 high',
      'Debian:12 zzz not-affected',
    ]);
    assert.equal(merged?.summary, 'Shared by two packages');
    assert.equal(merged.severityText, 'high');
    assert.deepEqual(
      invalid.map(([origin, reason]) => [origin.slice(path.length), reason.split(':')[0]]),
      [
        ['#aaa/CVE-2024-1000/experimental', 'unknown Debian release, skipped'],
        ['#aaa/not-an-id', 'not a CVE or TEMP id'],
        ['#bad name/CVE-2024-2000', 'not a Debian source package name'],
        ['#mmm', 'not an object of CVEs'],
        ['#zzz/CVE-2024-1000/bullseye', 'resolved without a fixed_version'],
        ['#zzz/CVE-2024-1000/buster', 'status'],
        ['#zzz/CVE-2024-3000', 'releases'],
        ['#zzz/CVE-2024-4000', 'larger than 1048576 bytes'],
      ],
    );
  });

  test('gzip is read by its magic number; progress counts advisories and bytes', async (t) => {
    const dir = await scratchDir(t);
    const path = join(dir, 'tracker.json.gz');
    const body = gzipSync(JSON.stringify(feed));
    await writeFile(path, body);
    const progress: { records: number; bytes: number }[] = [];
    const { items } = await readAll((options) => readDebianTracker(path, options), {
      onProgress: (done) => progress.push(done),
    });
    assert.equal(items.length, 2);
    assert.deepEqual(progress.at(-1), { records: 2, bytes: body.length });
  });

  test('truncated JSON, a wrong top level, data after the end, corrupt gzip: FeedError', async (t) => {
    const dir = await scratchDir(t);
    const text = JSON.stringify(feed);
    const cases: [string, string | Buffer, string][] = [
      ['truncated.json', text.slice(0, text.length / 2), 'feed.invalid'],
      ['array.json', '[]', 'feed.invalid'],
      ['trailing.json', `${text} {}`, 'feed.invalid'],
      ['bad-value.json', '{"aaa": {"CVE-2024-1": {"releases": {]}}}', 'feed.invalid'],
      ['bad-literal.json', '{"aaa": {"CVE-2024-1": nope}}', 'feed.invalid'],
      ['empty.json', '', 'feed.invalid'],
      ['corrupt.json.gz', Buffer.concat([gzipSync(text).subarray(0, 40)]), 'feed.unreadable'],
      ['long-key.json', `{"${'k'.repeat(10_000)}": {}}`, 'feed.invalid'],
    ];
    for (const [name, content, code] of cases) {
      const path = join(dir, name);
      await writeFile(path, content);
      await assert.rejects(
        readAll((options) => readDebianTracker(path, options)),
        (error) => isFeedError(error) && error.feedCode === code && error.origin === path,
        name,
      );
    }
  });
});
