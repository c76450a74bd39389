import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { DB, ScaPolicyRow } from '../../store/schema.ts';

/** The stored policy with this id, or 404. */
export async function requirePolicy(db: Kysely<DB>, id: string): Promise<ScaPolicyRow> {
  const row = await db.selectFrom('sca_policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `no audit policy ${id}`);
  return row;
}
