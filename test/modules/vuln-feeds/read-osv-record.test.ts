import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { readOsvRecord } from '../../../src/modules/vuln-feeds/read-osv-record.ts';
import { Advisory } from '../../../src/protocol/vuln.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { vulnCorpus } from './feed-fixtures.ts';

function read(...parts: string[]): Advisory {
  const path = vulnCorpus(...parts);
  return Advisory.parse(readOsvRecord(readFileSync(path, 'utf8'), path));
}

function refused(text: string, origin = 'test.json'): string {
  try {
    readOsvRecord(text, origin);
  } catch (error) {
    assert.ok(isFeedError(error, 'feed.invalid'), String(error));
    assert.equal(error.origin, origin);
    assert.ok(error.message.startsWith(`${origin}: `));
    return error.reason;
  }
  assert.fail(`accepted ${text.slice(0, 80)}`);
}

const introducedZero = { introduced: '0' };

describe('readOsvRecord: the osv-records corpus, field by field', needsCorpora('vuln/osv-records'), () => {
  test('DSA-3029-1: a Debian advisory on the source package, with its CVE alias', () => {
    assert.deepEqual(read('osv-records', 'DSA-3029-1.json'), {
      id: 'DSA-3029-1',
      source: 'osv',
      aliases: ['CVE-2014-3616'],
      summary: 'nginx - security update',
      published: '2014-09-20T00:00:00Z',
      modified: '2014-09-20T08:18:07Z',
      withdrawn: null,
      cvss: [],
      severityText: null,
      references: ['https://www.debian.org/security/2014/dsa-3029'],
      affected: [
        {
          ecosystem: 'Debian:7',
          name: 'nginx',
          ranges: [{ type: 'ECOSYSTEM', events: [introducedZero, { fixed: '1.2.1-2.2+wheezy3' }] }],
          versions: [],
        },
      ],
    });
  });

  test('GHSA-838r-hvwh-24h8: CVSS vector kept, database_specific ignored', () => {
    assert.deepEqual(read('osv-records', 'GHSA-838r-hvwh-24h8.json'), {
      id: 'GHSA-838r-hvwh-24h8',
      source: 'osv',
      aliases: ['CVE-2021-38555'],
      summary: 'XML Injection in Any23',
      published: '2021-09-13T20:06:31Z',
      modified: '2021-09-24T13:10:05Z',
      withdrawn: null,
      cvss: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N' }],
      severityText: null,
      references: [
        'https://nvd.nist.gov/vuln/detail/CVE-2021-38555',
        'https://github.com/apache/any23',
        'https://lists.apache.org/thread.html/r589d1a9f94dbeee7a0f5dbe8513a0e300dfe669bd964ba2fbfe28e07%40%3Cannounce.apache.org%3E',
      ],
      affected: [
        {
          ecosystem: 'Maven',
          name: 'org.apache.any23:apache-any23',
          ranges: [{ type: 'ECOSYSTEM', events: [introducedZero, { fixed: '2.5' }] }],
          versions: [],
        },
      ],
    });
  });

  test('CVE-2022-27449: one entry per Alpine branch, title from details, repeated URLs once', () => {
    const fixed: [string, string][] = [
      ['Alpine:v3.12', '10.4.25-r0'],
      ['Alpine:v3.13', '10.5.16-r0'],
      ['Alpine:v3.14', '10.5.16-r0'],
      ['Alpine:v3.15', '10.6.8-r0'],
      ['Alpine:v3.16', '10.6.8-r0'],
    ];
    assert.deepEqual(read('osv-records', 'CVE-2022-27449.json'), {
      id: 'CVE-2022-27449',
      source: 'osv',
      aliases: [],
      summary:
        'MariaDB Server v10.9 and below was discovered to contain a segmentation fault via the component sql/item_func.cc:148.',
      published: '2022-04-14T13:15:00Z',
      modified: '2022-10-07T18:59:00Z',
      withdrawn: null,
      cvss: [],
      severityText: null,
      references: [
        'https://jira.mariadb.org/browse/MDEV-28089',
        'https://security.netapp.com/advisory/ntap-20220526-0006/',
        'https://lists.debian.org/debian-lts-announce/2022/09/msg00023.html',
      ],
      affected: fixed.map(([ecosystem, version]) => ({
        ecosystem,
        name: 'mariadb',
        ranges: [{ type: 'ECOSYSTEM', events: [introducedZero, { fixed: version }] }],
        versions: [],
      })),
    });
  });

  test('UBUNTU-CVE-2025-38094: upstream CVE as alias, Ubuntu priority as severity word, versions list', () => {
    const advisory = read('osv-records', 'UBUNTU-CVE-2025-38094.json');
    const [entry] = advisory.affected;
    assert.ok(entry);
    assert.equal(entry.versions.length, 180);
    assert.equal(entry.versions[0], '3.11.0-12.19');
    assert.equal(entry.versions.at(-1), '3.13.0-206.257');
    assert.ok(
      advisory.summary.startsWith('In the Linux kernel, the following vulnerability has been resolved'),
    );
    assert.ok(advisory.summary.length <= 300 && advisory.summary.endsWith('…'));
    assert.deepEqual(
      {
        ...advisory,
        summary: '',
        affected: [{ ...entry, versions: [] }],
        references: advisory.references.length,
      },
      {
        id: 'UBUNTU-CVE-2025-38094',
        source: 'osv',
        aliases: ['CVE-2025-38094'],
        summary: '',
        published: '2025-07-04T00:00:00Z',
        modified: '2025-07-04T00:00:00Z',
        withdrawn: null,
        cvss: [],
        severityText: 'medium',
        references: 10,
        affected: [
          {
            ecosystem: 'Ubuntu:Pro:14.04:LTS',
            name: 'linux',
            ranges: [{ type: 'ECOSYSTEM', events: [introducedZero] }],
            versions: [],
          },
        ],
      },
    );
  });

  test('OSV-TEST-last-affected-01 (YAML): a GIT-only entry names no package, so none is kept', () => {
    assert.deepEqual(read('osv-records', 'OSV-TEST-last-affected-01.yaml'), {
      id: 'OSV-TEST-last-affected-01',
      source: 'osv',
      aliases: [],
      summary: 'A vulnerability',
      published: null,
      modified: '2022-10-07T18:59:00Z',
      withdrawn: null,
      cvss: [],
      severityText: null,
      references: ['https://ref.com/ref'],
      affected: [],
    });
  });
});

describe(
  'readOsvRecord: the OSV linter and GHSA converter test data',
  needsCorpora('vuln/osv-schema'),
  () => {
    test('linter records: schema-valid ones read, the one without an introduced event refused', () => {
      const dir = vulnCorpus('osv-schema', 'tools', 'osv-linter', 'testdata');
      const read = new Map<string, Advisory | string>();
      for (const name of readdirSync(dir)) {
        const text = readFileSync(`${dir}/${name}`, 'utf8');
        try {
          read.set(name, readOsvRecord(text, name));
        } catch (error) {
          assert.ok(isFeedError(error, 'feed.invalid'));
          read.set(name, error.reason);
        }
      }
      assert.equal(read.size, 12);
      assert.match(
        read.get('nointroduced-CVE-2023-41045.json') as string,
        /a range needs an introduced event/,
      );
      // The linter's other findings (unknown package, duplicate ranges, bad versions) need a registry
      // or a comparator: the schema accepts those records, and so does the reader.
      for (const name of ['nondistinct-CVE-2018-5407.json', 'nopackage-GHSA-9v2f-6vcg-3hgv.json']) {
        assert.equal(typeof read.get(name), 'object', name);
      }
      const cve = read.get('CVE-2018-5407.json') as Advisory;
      assert.equal(cve.affected.length, 6, 'the entry with only a GIT range names no package');
      assert.deepEqual(cve.cvss, [
        { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N' },
      ]);
      const go = read.get('GO-2024-2963.json') as Advisory;
      assert.deepEqual(go.affected[0]?.ranges, [
        {
          type: 'SEMVER',
          events: [introducedZero, { fixed: '1.21.12' }, { introduced: '1.22.0-0' }, { fixed: '1.22.5' }],
        },
      ]);
      const pysec = read.get('PYSEC-2023-74.json') as Advisory;
      assert.deepEqual(
        pysec.affected[0]?.ranges.map((range) => range.type),
        ['GIT', 'ECOSYSTEM'],
      );
      assert.equal(pysec.modified, '2023-06-05T01:13:00.534973Z');
      const rhsa = read.get('RHSA-2022_0216.json') as Advisory;
      assert.deepEqual([rhsa.id, rhsa.aliases, rhsa.affected], ['RHSA-2022:0216', [], []]);
      const malicious = read.get('MAL-2024-10238.json') as Advisory;
      assert.deepEqual(malicious.affected, [
        { ecosystem: 'PyPI', name: '123bla', ranges: [], versions: ['0.0.1'] },
      ]);
    });

    test('GHSA: the converter outputs (*.osv.json) read, its GitHub-format inputs are refused', () => {
      const dir = vulnCorpus('osv-schema', 'tools', 'ghsa', 'testdata');
      const names = readdirSync(dir);
      assert.equal(names.length, 22);
      for (const name of names) {
        const text = readFileSync(`${dir}/${name}`, 'utf8');
        if (name.endsWith('.osv.json'))
          assert.equal(readOsvRecord(text, name).id.startsWith('GHSA-'), true, name);
        else assert.match(refused(text, name), /^not an OSV record: id: /, name);
      }
      const withdrawn = readOsvRecord(
        readFileSync(`${dir}/withdrawn.osv.json`, 'utf8'),
        'withdrawn.osv.json',
      );
      assert.equal(withdrawn.withdrawn, '2018-10-11T17:29:49Z');
      assert.deepEqual(withdrawn.affected[0]?.ranges[0]?.events, [
        { introduced: '3.2.0' },
        { fixed: '3.2.22' },
        { introduced: '4.2.0' },
        { fixed: '4.2.2' },
        { introduced: '4.0.0' },
        { fixed: '4.1.11' },
      ]);
    });
  },
);

describe('readOsvRecord: hostile and malformed records', () => {
  const base = { id: 'x_TEST-1', modified: '2024-01-01T00:00:00Z' };
  const record = (extra: Record<string, unknown>) => JSON.stringify({ ...base, ...extra });
  const affected = (events: unknown[], type = 'ECOSYSTEM') =>
    record({ affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type, events }] }] });

  test('the smallest record: an id and modified', () => {
    assert.equal(readOsvRecord(JSON.stringify(base), 'min.json').id, 'x_TEST-1');
  });

  test('not JSON, truncated JSON, not an object', () => {
    assert.match(refused('{"id": "x_TEST-1", "modified": '), /^not JSON: /);
    assert.match(refused(''), /^not JSON: /);
    assert.match(refused('[]'), /^not an OSV record: /);
    assert.match(refused('null'), /^not an OSV record: /);
    assert.match(refused('id: [unclosed', 'x.yaml'), /^not YAML: /);
  });

  test('wrong types and missing fields', () => {
    assert.match(refused(JSON.stringify({ id: 'x_TEST-1' })), /modified/);
    assert.match(refused(JSON.stringify({ id: 7, modified: base.modified })), /^not an OSV record: id: /);
    assert.match(refused(record({ modified: 'yesterday' })), /modified/);
    assert.match(refused(record({ aliases: 'CVE-2024-1' })), /aliases/);
    assert.match(
      refused(record({ affected: [{ package: { ecosystem: 'npm' } }] })),
      /affected\.0\.package\.name/,
    );
    assert.match(refused(record({ affected: {} })), /affected/);
  });

  test('range rules: one kind per event, an introduced event, fixed or last_affected, GIT repos', () => {
    assert.match(refused(affected([{ introduced: '0', fixed: '1' }])), /exactly one of/);
    assert.match(refused(affected([{ fixed: '1' }])), /introduced event/);
    assert.match(
      refused(affected([introducedZero, { fixed: '1' }, { last_affected: '2' }])),
      /exclude each other/,
    );
    assert.match(refused(affected([introducedZero], 'GIT')), /needs its repo/);
    assert.match(refused(affected([introducedZero], 'RANGE')), /type/);
    assert.match(refused(affected([{ introduced: '' }])), /events/);
    assert.match(refused(affected([])), /events/);
  });

  test('huge strings are refused, not copied around', () => {
    assert.match(refused(record({ id: 'x'.repeat(10_000) })), /id/);
    assert.match(refused(affected([{ introduced: '1'.repeat(5_000) }])), /introduced/);
    const long = readOsvRecord(record({ summary: 'A'.repeat(1_000_000) }), 'long.json');
    assert.equal(long.summary.length, 300);
  });

  test('only http(s) references survive (no javascript: links reach the console)', () => {
    const advisory = readOsvRecord(
      record({
        references: [
          { type: 'WEB', url: 'javascript:alert(1)' },
          { type: 'WEB', url: 'not a url' },
          { type: 'WEB', url: 'data:text/html,<script>' },
          { type: 'WEB', url: 'https://example.org/a' },
          { type: 'FIX', url: 'https://example.org/a' },
        ],
      }),
      'refs.json',
    );
    assert.deepEqual(advisory.references, ['https://example.org/a']);
  });

  test('severity: CVSS vectors of every place, Ubuntu priority or database_specific priority as the word', () => {
    const advisory = readOsvRecord(
      record({
        severity: [
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
          { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
          { type: 'SOMETHING_NEW', score: '9' },
        ],
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'x' },
            severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
          },
        ],
        database_specific: { priority: 'High' },
        upstream: ['CVE-2024-1'],
        aliases: ['CVE-2024-1', 'GHSA-xxxx-xxxx-xxxx'],
        related: ['CVE-2024-2'],
        withdrawn: '2024-02-01T00:00:00Z',
      }),
      'sev.json',
    );
    assert.deepEqual(advisory.cvss, [
      { type: 'CVSS_V4', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
      { type: 'CVSS_V2', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
      { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    ]);
    assert.equal(advisory.severityText, 'high');
    assert.deepEqual(advisory.aliases, ['CVE-2024-1', 'GHSA-xxxx-xxxx-xxxx']);
    assert.equal(advisory.withdrawn, '2024-02-01T00:00:00Z');
  });

  test('YAML: alias bombs and duplicate keys are refused; timestamps stay strings', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 12; level += 1) {
      bomb.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(',')}]`,
      );
    }
    assert.match(
      refused(`id: x_TEST-1\nmodified: 2024-01-01T00:00:00Z\n${bomb.join('\n')}\n`, 'bomb.yaml'),
      /^not YAML: /,
    );
    assert.match(
      refused('id: x_TEST-1\nid: x_TEST-2\nmodified: 2024-01-01T00:00:00Z\n', 'dup.yml'),
      /^not YAML: /,
    );
    assert.equal(
      readOsvRecord('id: x_TEST-1\nmodified: 2024-01-01T00:00:00Z\n', 'ok.yml').modified,
      '2024-01-01T00:00:00Z',
    );
  });

  test('a byte order mark and unknown fields are tolerated', () => {
    const advisory = readOsvRecord(
      `\uFEFF${record({ credits: [{ name: 'x' }], x_future: { a: 1 } })}`,
      'bom.json',
    );
    assert.equal(advisory.id, 'x_TEST-1');
  });
});
