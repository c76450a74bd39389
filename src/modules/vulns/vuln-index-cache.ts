import type { Kysely } from 'kysely';
import type { Advisory } from '../../protocol/vuln.ts';
import type { Database } from '../../store/database.ts';
import type { DB } from '../../store/schema.ts';
import { lookupEcosystems } from '../vuln-match/ecosystem-keys.ts';
import { createVulnIndex, type VulnIndex } from '../vuln-match/vuln-index.ts';
import { chunked } from './feed-record-store.ts';

export interface FeedKeys {
  /** Changes with any import: hosts are matched again. */
  all: string;
  /** Changes with an advisory import (OSV, tracker): indexes are rebuilt. */
  advisories: string;
}

/** What identifies the stored feeds' content; read from the database, so imports by another process count. */
export async function readFeedKeys(db: Kysely<DB>): Promise<FeedKeys> {
  const rows = await db
    .selectFrom('vuln_feeds')
    .select(['name', 'kind', 'sha256', 'imported_at'])
    .orderBy('name')
    .execute();
  const key = (kinds: string[]) =>
    rows
      .filter((row) => kinds.includes(row.kind))
      .map((row) => `${row.name}@${row.sha256}@${row.imported_at}`)
      .join(' ');
  return { all: key(['osv', 'debian-tracker', 'kev', 'epss']), advisories: key(['osv', 'debian-tracker']) };
}

interface IndexCache {
  key: string;
  byEcosystem: Map<string, Promise<VulnIndex>>;
}

/* One cache per open database: a server process holds the indexes of its fleet's ecosystems. */
const caches = new WeakMap<Database, IndexCache>();

/**
 * The index of every stored advisory that can apply to hosts of `ecosystem` (`Debian:12`; for
 * Ubuntu LTS also Ubuntu Pro's records, as the matcher looks them up), built once per
 * advisory-feed generation and shared by every host of that release: only the ecosystems the
 * fleet runs are ever loaded.
 */
export function vulnIndexFor(
  database: Database,
  ecosystem: string,
  advisoriesKey: string,
): Promise<VulnIndex> {
  let cache = caches.get(database);
  if (!cache || cache.key !== advisoriesKey) {
    cache = { key: advisoriesKey, byEcosystem: new Map() };
    caches.set(database, cache);
  }
  const cached = cache.byEcosystem.get(ecosystem);
  if (cached) return cached;
  const building = buildIndex(database.db, ecosystem);
  const byEcosystem = cache.byEcosystem;
  byEcosystem.set(ecosystem, building);
  building.catch(() => byEcosystem.delete(ecosystem));
  return building;
}

/** After an import in this process; another process's import shows as a new key. */
export function invalidateVulnIndexes(database: Database): void {
  caches.delete(database);
}

async function buildIndex(db: Kysely<DB>, ecosystem: string): Promise<VulnIndex> {
  const index = createVulnIndex({ ecosystems: new Set([ecosystem]) });
  const pairs = await db
    .selectFrom('vuln_advisory_packages')
    .select(['feed', 'advisory_id'])
    .distinct()
    .where('release', 'in', lookupEcosystems(ecosystem))
    .orderBy('feed')
    .orderBy('advisory_id')
    .execute();
  const byFeed = new Map<string, string[]>();
  for (const pair of pairs) {
    const ids = byFeed.get(pair.feed) ?? [];
    ids.push(pair.advisory_id);
    byFeed.set(pair.feed, ids);
  }
  for (const [feed, ids] of byFeed)
    for (const part of chunked(ids, 500)) {
      const rows = await db
        .selectFrom('vuln_advisories')
        .select('data')
        .where('feed', '=', feed)
        .where('id', 'in', part)
        .execute();
      for (const row of rows) index.add(JSON.parse(row.data) as Advisory);
    }
  return index;
}
