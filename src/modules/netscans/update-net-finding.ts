import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { NetFindingRecord, NetFindingStatus } from '../../protocol/netscan-api.ts';
import type { DB } from '../../store/schema.ts';
import { toNetFindingRecord } from './net-finding-record.ts';

/**
 * A user's verdict on a network finding. Resolving by hand names no scan: a later scan that shows
 * the finding again opens it again, as for one a scan resolved. Returns the status it had before.
 */
export async function updateNetFinding(
  db: Kysely<DB>,
  id: string,
  status: NetFindingStatus,
  now: Date,
): Promise<{ previous: NetFindingStatus; finding: NetFindingRecord }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('net_findings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', `no network finding ${id}`);
    const previous = row.status as NetFindingStatus;
    if (previous === status) return { previous, finding: toNetFindingRecord(row) };
    const updated = await trx
      .updateTable('net_findings')
      .set({
        status,
        resolved_at: status === 'resolved' ? now.toISOString() : null,
        resolved_scan_id: null,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { previous, finding: toNetFindingRecord(updated) };
  });
}
