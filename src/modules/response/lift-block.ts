import { AppError } from '../../platform/errors.ts';
import type { Block } from '../../protocol/blocks.ts';
import type { Deps } from '../deps.ts';
import { agentsInScope } from './firewall-agent.ts';
import { pushAddress } from './push-address.ts';
import { isActive, parseScope, toBlock } from './to-block.ts';

/**
 * Lifts a block before its end and tells its hosts: they unblock the address, or keep it until
 * another active block of it ends.
 */
export async function liftBlock(
  deps: Deps,
  id: string,
  liftedBy: string,
  reason: string,
  now: Date,
): Promise<Block> {
  const { db } = deps.database;
  const row = await db.selectFrom('blocks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such block');
  if (!isActive(row, now))
    throw new AppError(
      'conflict',
      row.lifted_at === null ? 'the block has expired' : 'the block is lifted already',
    );
  // Conditional, so a block lifted twice at once is lifted, and told to its hosts, once.
  const lifted = await db
    .updateTable('blocks')
    .set({ lifted_at: now.toISOString(), lifted_by: liftedBy, lift_reason: reason.trim() })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!lifted) throw new AppError('conflict', 'the block is lifted already');
  const agents = await agentsInScope(db, parseScope(lifted.scope));
  await pushAddress(deps, lifted.address, agents, liftedBy, now);
  return toBlock(lifted, now, new Map(agents.map((agent) => [agent.id, agent.hostname])));
}
