import type { Kysely } from 'kysely';
import type { BlockRow, DB } from '../../store/schema.ts';

/** Blocks in force now, of one address or of all. */
export function activeBlocks(db: Kysely<DB>, now: Date, address?: string): Promise<BlockRow[]> {
  let select = db
    .selectFrom('blocks')
    .selectAll()
    .where('lifted_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]));
  if (address !== undefined) select = select.where('address', '=', address);
  return select.orderBy('created_at').orderBy('id').execute();
}
