import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { AlertDetail } from '../../protocol/alerts.ts';
import type { AlertRow, DB } from '../../store/schema.ts';
import { toAlert } from './to-alert.ts';

export async function findAlertRow(db: Kysely<DB>, id: string): Promise<AlertRow> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new AppError('not_found', 'no such alert');
  return row;
}

/** One alert with its kept evidence and its notes. */
export async function getAlertDetail(db: Kysely<DB>, id: string): Promise<AlertDetail> {
  const row = await findAlertRow(db, id);
  const evidence = await db
    .selectFrom('alert_evidence')
    .selectAll()
    .where('alert_id', '=', id)
    .orderBy('seq')
    .execute();
  const notes = await db
    .selectFrom('alert_notes')
    .selectAll()
    .where('alert_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    ...toAlert(row),
    evidence: evidence.map((e) => ({
      seq: e.seq,
      time: Date.parse(e.time),
      raw_data: e.raw_data,
      event: JSON.parse(e.event) as Record<string, unknown>,
    })),
    evidence_omitted: row.evidence_seen - evidence.length,
    notes: notes.map((n) => ({
      id: n.id,
      author: n.author,
      text: n.text,
      created_time: Date.parse(n.created_at),
    })),
  };
}
