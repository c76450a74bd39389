import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';

/**
 * Deletes a group's finished scans beyond the newest `keep`, with their per-host history; ad-hoc
 * scans count as one group. Findings and the inventory keep the ids of scans that are gone.
 */
export async function pruneScans(db: Kysely<DB>, group: string | null, keep: number): Promise<number> {
  let finished = db.selectFrom('net_scans').select('id').where('status', 'in', ['done', 'failed']);
  finished =
    group === null ? finished.where('group_name', 'is', null) : finished.where('group_name', '=', group);
  const old = (
    await finished.orderBy('finished_at', 'desc').orderBy('id', 'desc').offset(keep).limit(1000).execute()
  ).map((row) => row.id);
  if (old.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('net_scan_hosts').where('scan_id', 'in', old).execute();
    await trx.deleteFrom('net_scans').where('id', 'in', old).execute();
  });
  return old.length;
}
