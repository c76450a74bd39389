import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { defaultSla } from '../../../src/modules/vuln-scan/build-finding.ts';
import { loadFeedDirectory } from '../../../src/modules/vuln-scan/load-feed-dir.ts';
import { scanHost } from '../../../src/modules/vuln-scan/scan-host.ts';
import {
  parseInventoryFile,
  targetEcosystems,
  type ScanTarget,
} from '../../../src/modules/vuln-scan/scan-target.ts';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import type { InstalledPackage, OsRelease } from '../../../src/protocol/inventory.ts';
import { corporaDir, needsCorpora } from '../../helpers/corpora.ts';

const vuln = join(corporaDir() ?? '', 'vuln');
const work = mkdtempSync(join(tmpdir(), 'vigil-vuln-scan-'));
const now = new Date('2026-01-10T00:00:00.000Z');

const wheezy: OsRelease = {
  id: 'debian',
  idLike: [],
  name: 'Debian GNU/Linux',
  prettyName: 'Debian GNU/Linux 7 (wheezy)',
  versionId: '7',
  versionCodename: 'wheezy',
};
const stretch: OsRelease = {
  ...wheezy,
  prettyName: 'Debian GNU/Linux 9 (stretch)',
  versionId: '9',
  versionCodename: 'stretch',
};

function dpkg(name: string, version: string, source = name): InstalledPackage {
  return {
    manager: 'dpkg',
    name,
    version,
    architecture: 'amd64',
    source,
    sourceVersion: version,
    status: 'install ok installed',
  };
}

function host(os: OsRelease, packages: InstalledPackage[]): ScanTarget {
  return { agentId: 'agent-1', hostname: 'h', os, packages };
}

/** A feed directory from real corpus files: the DSA as an OSV directory, KEV and EPSS as they are. */
function feedDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'osv-debian'), { recursive: true });
  copyFileSync(join(vuln, 'osv-records/DSA-3029-1.json'), join(dir, 'osv-debian/DSA-3029-1.json'));
  copyFileSync(join(vuln, 'kev/known_exploited_vulnerabilities.json'), join(dir, 'kev.json'));
  copyFileSync(join(vuln, 'epss/example-1.csv'), join(dir, 'epss_scores.csv'));
  return dir;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('loadFeedDirectory and scanHost on real feeds', needsCorpora('vuln/osv-records'), () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  test('every feed of the directory, with its status; KEV and EPSS by CVE', async () => {
    const dir = feedDir('all');
    writeFileSync(join(dir, 'README.md'), 'feeds for the lab\n');
    writeFileSync(join(dir, 'kev.json.sha256'), `${sha256(join(dir, 'kev.json'))}  kev.json\n`);
    utimesSync(join(dir, 'epss_scores.csv'), new Date('2025-01-01'), new Date('2025-01-01'));
    const skipped: string[] = [];
    const loaded = await loadFeedDirectory(dir, {
      now,
      ecosystems: new Set(['Debian:7']),
      onSkipped: (path) => skipped.push(path),
    });
    assert.deepEqual(skipped, [join(dir, 'README.md')]);
    assert.deepEqual(
      loaded.feeds.map((feed) => [feed.name, feed.kind, feed.records, feed.stale]),
      [
        ['epss_scores.csv', 'epss', 5, true],
        ['kev.json', 'kev', 1404, false],
        ['osv-debian', 'osv', 1, false],
      ],
    );
    const kev = loaded.feeds[1];
    assert.equal(kev?.sha256, sha256(join(dir, 'kev.json')));
    assert.equal(kev.sourceDate, '2025-08-25T17:04:19.9796Z');
    assert.equal(loaded.feeds[2]?.sourceDate, '2014-09-20T08:18:07Z');
    assert.equal(loaded.index.size, 1);
    assert.equal(loaded.kev.size, 1404);
    assert.equal(loaded.kev.get('CVE-2025-48384')?.dueDate, '2025-09-15');
    assert.deepEqual(loaded.epss.get('CVE-1999-0005'), {
      cve: 'CVE-1999-0005',
      epss: 0.91963,
      percentile: 0.99214,
    });
  });

  test('Debian 7 with nginx 1.2.1-2.2+wheezy2: exactly CVE-2014-3616, fixed in wheezy3; wheezy3 has none', async () => {
    const loaded = await loadFeedDirectory(feedDir('nginx'), { now, ecosystems: new Set(['Debian:7']) });
    const options = { now, sla: defaultSla };
    const findings = scanHost(
      loaded,
      host(wheezy, [dpkg('nginx', '1.2.1-2.2+wheezy2'), dpkg('bash', '4.2+dfsg-0.1')]),
      options,
    );
    assert.deepEqual(
      findings.map((f) => [
        f.vulnerability.id,
        f.vulnerability.advisories,
        f.package.name,
        f.fixState,
        f.fixedVersion,
      ]),
      [['CVE-2014-3616', ['DSA-3029-1'], 'nginx', 'fixed', '1.2.1-2.2+wheezy3']],
    );
    const [finding] = findings;
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding.kev, null);
    assert.equal(finding.epss, null);
    assert.equal(finding.risk, 22.05);
    assert.deepEqual(scanHost(loaded, host(wheezy, [dpkg('nginx', '1.2.1-2.2+wheezy3')]), options), []);
    // Binary packages built from nginx are matched through their source.
    assert.deepEqual(
      scanHost(loaded, host(wheezy, [dpkg('nginx-full', '1.2.1-2.2+wheezy2', 'nginx')]), options).map(
        (f) => f.package.name,
      ),
      ['nginx-full'],
    );
  });

  test('only the asked ecosystems are indexed', async () => {
    const loaded = await loadFeedDirectory(feedDir('other-release'), {
      now,
      ecosystems: new Set(['Debian:12']),
    });
    assert.equal(loaded.index.size, 0);
    assert.deepEqual(
      scanHost(loaded, host({ ...wheezy, versionId: '12' }, [dpkg('nginx', '1.0')]), {
        now,
        sla: defaultSla,
      }),
      [],
    );
  });

  test('a checksum file that does not match stops the load', async () => {
    const dir = feedDir('tampered');
    writeFileSync(join(dir, 'kev.json.sha256'), `${'0'.repeat(64)}  kev.json\n`);
    await assert.rejects(loadFeedDirectory(dir, { now }), (error) =>
      isFeedError(error, 'feed.checksum_mismatch'),
    );
  });

  test('a missing directory is a FeedError naming it', async () => {
    await assert.rejects(loadFeedDirectory(join(work, 'absent'), { now }), (error) => {
      assert.ok(isFeedError(error, 'feed.unreadable'));
      assert.match(error.message, /absent/);
      return true;
    });
  });

  test(
    'Debian tracker urgencies become severities (`high**` high, `low**` low, `medium` medium); fixed_version 0 is no finding',
    needsCorpora('vuln/debian-tracker'),
    async () => {
      const dir = join(work, 'tracker');
      mkdirSync(dir);
      copyFileSync(join(vuln, 'debian-tracker/vunnel/debian.json'), join(dir, 'debian.json'));
      const target = host(stretch, [
        dpkg('libjs-prototype', '1.6.0.1-1', 'prototypejs'),
        dpkg('txt2man', '1.5.5-4'),
        dpkg('backupninja', '0.8-1'),
      ]);
      const loaded = await loadFeedDirectory(dir, { now, ecosystems: targetEcosystems(target) });
      const findings = scanHost(loaded, target, { now, sla: defaultSla });
      assert.deepEqual(
        findings.map((f) => [f.vulnerability.id, f.package.name, f.severity, f.fixedVersion]),
        [
          ['CVE-2008-7220', 'libjs-prototype', 'high', '1.6.0.2-1'],
          ['CVE-2005-3111', 'backupninja', 'medium', '0.8-2'],
          ['CVE-2013-1444', 'txt2man', 'low', '1.5.5-4.1'],
        ],
      );
    },
  );
});

describe('parseInventoryFile', () => {
  const snapshot = { host: { hostname: 'web-1', os: wheezy }, packages: [dpkg('nginx', '1.0')] };

  test('an inventory snapshot, the API’s HostInventory around it, or just the fields matching needs', () => {
    assert.deepEqual(parseInventoryFile(JSON.stringify(snapshot), 'f'), {
      agentId: 'local',
      hostname: 'web-1',
      os: wheezy,
      packages: snapshot.packages,
    });
    const wrapped = {
      agentId: 'a-42',
      collectedAt: 'x',
      receivedAt: 'y',
      inventory: { ...snapshot, listeners: [], users: [] },
    };
    assert.equal(parseInventoryFile(JSON.stringify(wrapped), 'f').agentId, 'a-42');
    assert.equal(
      parseInventoryFile(JSON.stringify({ ...snapshot, host: { hostname: '', os: null } }), 'f').hostname,
      null,
    );
  });

  test('anything else is a validation error naming the file and the first problem', () => {
    assert.throws(() => parseInventoryFile('{', 'inv.json'), /inv\.json: not JSON/);
    assert.throws(
      () => parseInventoryFile(JSON.stringify({ ...snapshot, packages: [{ name: 'x' }] }), 'inv.json'),
      /inv\.json: not a Vigil inventory \(packages\.0\.manager: /,
    );
    assert.throws(() => parseInventoryFile('[]', 'inv.json'), /not a Vigil inventory/);
  });
});
