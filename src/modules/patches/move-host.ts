import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../store/schema.ts';
import type { PatchPlanHostsTable } from '../../store/schema-patches.ts';

/**
 * Moves a host on from the state it was read in. Conditional on that state, so when two server
 * processes follow the same rollout, each step happens once: false when another got there first.
 */
export async function moveHost(
  db: Kysely<DB>,
  host: Pick<PatchPlanHostsTable, 'plan_id' | 'agent_id' | 'status'>,
  set: Updateable<PatchPlanHostsTable>,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('patch_plan_hosts')
    .set({ ...set, updated_at: now.toISOString() })
    .where('plan_id', '=', host.plan_id)
    .where('agent_id', '=', host.agent_id)
    .where('status', '=', host.status)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Withdraws a task the agent has not fetched yet, so it never runs; false when it already went out. */
export async function withdrawTask(db: Kysely<DB>, taskId: string, why: string, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('agent_tasks')
    .set({ status: 'cancelled', finished_at: now.toISOString(), output: why })
    .where('id', '=', taskId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
