import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { readKev } from '../../../src/modules/vuln-feeds/read-kev.ts';
import { needsCorpora } from '../../helpers/corpora.ts';
import { scratchDir, vulnCorpus } from './feed-fixtures.ts';

describe('readKev', () => {
  test(
    'the CISA catalog: every entry, ransomware use "Known" as true',
    needsCorpora('vuln/kev'),
    async () => {
      const path = vulnCorpus('kev', 'known_exploited_vulnerabilities.json');
      const invalid: string[] = [];
      const catalog = await readKev(path, { onInvalid: (origin) => invalid.push(origin) });
      assert.deepEqual(invalid, []);
      assert.equal(catalog.catalogVersion, '2025.08.25');
      assert.equal(catalog.dateReleased, '2025-08-25T17:04:19.9796Z');
      const raw = JSON.parse(readFileSync(path, 'utf8')) as {
        count: number;
        vulnerabilities: { cveID: string; knownRansomwareCampaignUse: string }[];
      };
      assert.equal(catalog.entries.length, raw.count);
      assert.equal(
        catalog.entries.filter((entry) => entry.knownRansomware).length,
        raw.vulnerabilities.filter((entry) => entry.knownRansomwareCampaignUse === 'Known').length,
      );
      assert.deepEqual(catalog.entries[0], {
        cve: 'CVE-2025-48384',
        dateAdded: '2025-08-25',
        dueDate: '2025-09-15',
        knownRansomware: false,
        vendor: 'Git',
        product: 'Git',
        name: 'Git Link Following Vulnerability',
      });
      assert.deepEqual(catalog.entries.at(-1), {
        cve: 'CVE-2020-29583',
        dateAdded: '2021-11-03',
        dueDate: '2022-05-03',
        knownRansomware: false,
        vendor: 'Zyxel',
        product: 'Multiple Products',
        name: 'Zyxel Multiple Products Use of Hard-Coded Credentials Vulnerability',
      });
    },
  );

  test('entries breaking the schema are skipped and reported; a file that is no catalog throws', async (t) => {
    const dir = await scratchDir(t);
    const entry = {
      cveID: 'CVE-2024-0001',
      vendorProject: 'V',
      product: 'P',
      vulnerabilityName: 'N',
      dateAdded: '2024-01-02',
      shortDescription: 'd',
      requiredAction: 'a',
      dueDate: '2024-01-23',
      knownRansomwareCampaignUse: 'Known',
    };
    const path = join(dir, 'kev.json');
    await writeFile(
      path,
      JSON.stringify({
        catalogVersion: '2024.01.02',
        dateReleased: '2024-01-02T10:00:00.000Z',
        count: 4,
        vulnerabilities: [entry, { ...entry, cveID: 'CVE-24-1' }, { ...entry, dueDate: 7 }, 'x'],
      }),
    );
    const invalid: [string, string][] = [];
    const catalog = await readKev(path, { onInvalid: (origin, reason) => invalid.push([origin, reason]) });
    assert.deepEqual(catalog.entries, [
      {
        cve: 'CVE-2024-0001',
        dateAdded: '2024-01-02',
        dueDate: '2024-01-23',
        knownRansomware: true,
        vendor: 'V',
        product: 'P',
        name: 'N',
      },
    ]);
    assert.deepEqual(
      invalid.map(([origin, reason]) => [origin.slice(path.length), reason.split(':')[0]]),
      [
        ['#vulnerabilities/1', 'cveID'],
        ['#vulnerabilities/2', 'dueDate'],
        ['#vulnerabilities/3', '(root)'],
      ],
    );
    const cases: [string, string][] = [
      ['truncated.json', '{"catalogVersion": "2024.01.02", "vulner'],
      ['schema.json', readFileSync(vulnCorpus('kev', 'known_exploited_vulnerabilities_schema.json'), 'utf8')],
      ['types.json', JSON.stringify({ catalogVersion: 1, dateReleased: 'x', vulnerabilities: {} })],
    ];
    for (const [name, content] of cases) {
      await writeFile(join(dir, name), content);
      await assert.rejects(readKev(join(dir, name)), (error) => isFeedError(error, 'feed.invalid'), name);
    }
    await assert.rejects(readKev(join(dir, 'missing.json')), (error) =>
      isFeedError(error, 'feed.unreadable'),
    );
  });
});
