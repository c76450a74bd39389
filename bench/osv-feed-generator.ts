/*
 * A synthetic OSV feed at the scale of the real Debian + Ubuntu data (osv.dev's Debian and Ubuntu
 * all.zip hold ~100k records between them): one record per vulnerability and source package, with
 * affected entries for two or three releases, as DEBIAN-CVE-* and UBUNTU-CVE-* records are. A
 * fifth of them have no fix yet. Deterministic, so runs compare.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstalledPackage, OsRelease } from '../src/protocol/inventory.ts';

const releases = {
  Debian: ['Debian:11', 'Debian:12', 'Debian:13'],
  Ubuntu: ['Ubuntu:20.04:LTS', 'Ubuntu:22.04:LTS', 'Ubuntu:24.04:LTS'],
};

export const debian12: OsRelease = {
  id: 'debian',
  idLike: [],
  name: 'Debian GNU/Linux',
  prettyName: 'Debian GNU/Linux 12 (bookworm)',
  versionId: '12',
  versionCodename: 'bookworm',
};

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const sourceName = (i: number): string => `libbench${String(i).padStart(5, '0')}`;
/** The version installed on a benchmark host: fixes at a minor version up to `minor` are in (0–79 exist). */
const installedVersion = (i: number, minor: number): string => `${1 + (i % 7)}.${minor}.${i % 13}-1`;

/** Writes `records` OSV JSON files under `dir/records` and packs them as `dir/feeds/osv-all.zip`. */
export function generateOsvFeed(dir: string, records: number, packages: number): string {
  const recordDir = join(dir, 'records');
  const feedDir = join(dir, 'feeds');
  mkdirSync(recordDir, { recursive: true });
  mkdirSync(feedDir, { recursive: true });
  const next = random(7);
  for (let r = 0; r < records; r += 1) {
    const pkg = Math.floor(next() * packages);
    const family = r % 2 === 0 ? 'Debian' : 'Ubuntu';
    const cve = `CVE-${2000 + (r % 26)}-${String(10_000 + r).padStart(6, '0')}`;
    const major = 1 + (pkg % 7);
    const fixedMinor = Math.floor(next() * 80);
    const unfixed = next() < 0.2;
    const affected = releases[family]
      .filter(() => next() < 0.8)
      .map((ecosystem) => ({
        package: { ecosystem, name: sourceName(pkg) },
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: unfixed
              ? [{ introduced: '0' }]
              : [{ introduced: '0' }, { fixed: `${major}.${fixedMinor}.${pkg % 13}-1+deb${r % 3}u1` }],
          },
        ],
      }));
    const record = {
      schema_version: '1.6.0',
      id: `${family.toUpperCase()}-${cve}`,
      modified: '2026-11-01T00:00:00Z',
      published: '2026-01-01T00:00:00Z',
      aliases: [cve],
      summary: `${sourceName(pkg)}: synthetic vulnerability ${r}`,
      details: 'Generated for the benchmark.',
      severity:
        r % 3 === 0 ? [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] : [],
      affected,
      references: [{ type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/${cve}` }],
    };
    writeFileSync(join(recordDir, `${record.id}.json`), JSON.stringify(record));
  }
  const zip = join(feedDir, 'osv-all.zip');
  execFileSync('zip', ['-q', '-r', '-j', zip, recordDir], { maxBuffer: 64 * 1024 * 1024 });
  return feedDir;
}

/**
 * A Debian 12 host with `count` packages installed, two binaries each for a third of their
 * sources; `minor` says how far behind it is (40: half the fixed flaws still apply, 76: a
 * twentieth).
 */
export function benchmarkHost(count: number, minor: number): { os: OsRelease; packages: InstalledPackage[] } {
  const packages: InstalledPackage[] = [];
  for (let i = 0; packages.length < count; i += 1) {
    const source = sourceName(i);
    const version = installedVersion(i, minor);
    const binaries = i % 3 === 0 ? [source, `${source}-dev`] : [source];
    for (const name of binaries.slice(0, count - packages.length))
      packages.push({
        manager: 'dpkg',
        name,
        version,
        architecture: 'amd64',
        source,
        sourceVersion: version,
        status: 'install ok installed',
      });
  }
  return { os: debian12, packages };
}
