import type { Kysely } from 'kysely';
import type { EpssEntry, KevEntry } from '../../protocol/vuln.ts';
import type { DB } from '../../store/schema.ts';
import { chunked } from './feed-record-store.ts';

export interface Enrichment {
  kev: Map<string, KevEntry>;
  epss: Map<string, EpssEntry>;
}

/** KEV entries and EPSS scores of these CVEs, from whichever feed has them. */
export async function loadEnrichment(db: Kysely<DB>, cves: Iterable<string>): Promise<Enrichment> {
  const kev = new Map<string, KevEntry>();
  const epss = new Map<string, EpssEntry>();
  for (const part of chunked([...new Set(cves)], 500)) {
    const kevRows = await db
      .selectFrom('vuln_kev')
      .selectAll()
      .where('cve', 'in', part)
      .orderBy('feed')
      .execute();
    for (const row of kevRows)
      kev.set(row.cve, {
        cve: row.cve,
        dateAdded: row.date_added,
        dueDate: row.due_date,
        knownRansomware: row.known_ransomware === 1,
        vendor: row.vendor,
        product: row.product,
        name: row.name,
      });
    const epssRows = await db
      .selectFrom('vuln_epss')
      .select(['cve', 'epss', 'percentile'])
      .where('cve', 'in', part)
      .orderBy('feed')
      .execute();
    for (const row of epssRows)
      epss.set(row.cve, { cve: row.cve, epss: row.epss, percentile: row.percentile });
  }
  return { kev, epss };
}
