import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { HostInventory, InventorySnapshot } from '../../protocol/inventory.ts';
import type { DB } from '../../store/schema.ts';

/**
 * Keeps the newest snapshot per agent. Snapshots can arrive out of order
 * after a spool replay, so an older one never replaces a newer one. A
 * snapshot that does not parse is stored as an event only.
 */
export async function saveInventorySnapshot(
  db: Kysely<DB>,
  agentId: string,
  data: unknown,
  receivedAt: Date,
): Promise<boolean> {
  const parsed = InventorySnapshot.safeParse(data);
  if (!parsed.success) return false;
  const collectedAt = new Date(parsed.data.collectedAt).toISOString();
  const row = {
    agent_id: agentId,
    collected_at: collectedAt,
    received_at: receivedAt.toISOString(),
    data: JSON.stringify(parsed.data),
  };
  await db
    .insertInto('host_inventory')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('agent_id')
        .doUpdateSet({ collected_at: collectedAt, received_at: row.received_at, data: row.data })
        .where('host_inventory.collected_at', '<', collectedAt),
    )
    .execute();
  return true;
}

export async function getHostInventory(db: Kysely<DB>, agentId: string): Promise<HostInventory> {
  const row = await db
    .selectFrom('host_inventory')
    .selectAll()
    .where('agent_id', '=', agentId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no inventory received from agent ${agentId} yet`);
  return HostInventory.parse({
    agentId: row.agent_id,
    collectedAt: row.collected_at,
    receivedAt: row.received_at,
    inventory: JSON.parse(row.data) as unknown,
  });
}
