import type { Kysely, Selectable } from 'kysely';
import type { FeedKind, FeedStatus } from '../../protocol/vuln-api.ts';
import type { VulnFeedsTable } from '../../store/schema-vulns.ts';
import type { DB } from '../../store/schema.ts';

export function toFeedStatus(
  row: Selectable<VulnFeedsTable>,
  now: Date,
  staleAfterHours: number,
): FeedStatus {
  return {
    name: row.name,
    kind: row.kind as FeedKind,
    records: row.records,
    importedAt: row.imported_at,
    sourceDate: row.source_date,
    sha256: row.sha256,
    stale: now.getTime() - Date.parse(row.imported_at) > staleAfterHours * 3_600_000,
  };
}

/** Every imported feed by name, with whether it is older than `vuln.staleAfterHours`. */
export async function listFeeds(db: Kysely<DB>, now: Date, staleAfterHours: number): Promise<FeedStatus[]> {
  const rows = await db.selectFrom('vuln_feeds').selectAll().orderBy('name').execute();
  return rows.map((row) => toFeedStatus(row, now, staleAfterHours));
}
