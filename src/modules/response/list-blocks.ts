import type { Kysely } from 'kysely';
import type { BlockList, BlockQuery } from '../../protocol/blocks.ts';
import type { DB } from '../../store/schema.ts';
import { hostnamesOf } from './hostnames-of.ts';
import { toBlock } from './to-block.ts';

/** Newest first. An expired block counts as lifted even before the sweep marks it. */
export async function listBlocks(db: Kysely<DB>, query: BlockQuery, now: Date): Promise<BlockList> {
  const iso = now.toISOString();
  let select = db.selectFrom('blocks').selectAll();
  if (query.status === 'active')
    select = select
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', iso)]));
  if (query.status === 'lifted')
    select = select.where((eb) => eb.or([eb('lifted_at', 'is not', null), eb('expires_at', '<=', iso)]));
  // The query allows only address characters, so the text holds no LIKE wildcards.
  if (query.address !== undefined)
    select = select.where('address', 'like', `%${query.address.toLowerCase()}%`);
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const hostnames = await hostnamesOf(db, page);
  return { blocks: page.map((row) => toBlock(row, now, hostnames)), more: rows.length > query.limit };
}
