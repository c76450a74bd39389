import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { DB, ScaWaiverRow } from '../../store/schema.ts';

/** Removes a waiver (the audit log keeps what it said); 404 when there is none. Returns it. */
export async function deleteWaiver(db: Kysely<DB>, id: string): Promise<ScaWaiverRow> {
  const row = await db.selectFrom('sca_waivers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such waiver');
  await db.deleteFrom('sca_waivers').where('id', '=', id).execute();
  return row;
}
