import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Random } from '../../platform/ids.ts';
import type { AlertNote } from '../../protocol/alerts.ts';
import type { DB } from '../../store/schema.ts';

/** Adds a note and returns it with the alert's title, for the audit log. */
export async function addAlertNote(
  db: Kysely<DB>,
  random: Random,
  alertId: string,
  author: string,
  text: string,
  now: Date,
): Promise<{ note: AlertNote; alertTitle: string }> {
  const at = now.toISOString();
  const note = { id: random.uuid(), alert_id: alertId, author, text, created_at: at };
  const alert = await db.transaction().execute(async (trx) => {
    const touched = await trx
      .updateTable('alerts')
      .set({ updated_at: at })
      .where('id', '=', alertId)
      .returning('rule_title')
      .executeTakeFirst();
    if (touched === undefined) throw new AppError('not_found', 'no such alert');
    await trx.insertInto('alert_notes').values(note).execute();
    return touched;
  });
  return { note: { id: note.id, author, text, created_time: now.getTime() }, alertTitle: alert.rule_title };
}
