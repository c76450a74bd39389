import type { Kysely } from 'kysely';
import type { NetScanList, NetScanListQuery } from '../../protocol/netscan-api.ts';
import type { DB } from '../../store/schema.ts';
import { summaryColumns, toScanSummary } from './scan-summary.ts';

/** Scans newest first (queued ones, not yet started, on top), paged. */
export async function listScans(db: Kysely<DB>, query: NetScanListQuery): Promise<NetScanList> {
  let base = db.selectFrom('net_scans');
  if (query.group !== undefined) base = base.where('group_name', '=', query.group);
  if (query.status !== undefined) base = base.where('status', '=', query.status);
  const rows = await base
    .select([...summaryColumns])
    .orderBy('queued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const { n } = await base
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { scans: rows.map(toScanSummary), total: Number(n) };
}
