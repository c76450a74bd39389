import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { DB } from '../../store/schema.ts';
import { requirePolicy } from './find-policy.ts';

/**
 * Deletes an uploaded policy with its assignments, runs, results and waivers, and cancels its
 * runs still waiting for their hosts. 404 when there is none, 409 for a built-in policy (take it
 * out of every group instead). Returns how many queued runs were cancelled.
 */
export async function deletePolicy(db: Kysely<DB>, id: string, now: Date): Promise<number> {
  const row = await requirePolicy(db, id);
  if (row.origin === 'builtin')
    throw new AppError('conflict', `${id} is built into Vigil; assign it to no group to stop running it`);
  return db.transaction().execute(async (trx) => {
    const scheduled = await trx
      .selectFrom('sca_schedule')
      .select('task_id')
      .where('policy_id', '=', id)
      .where('task_id', 'is not', null)
      .execute();
    const taskIds = scheduled.flatMap((entry) => (entry.task_id === null ? [] : [entry.task_id]));
    let cancelled = 0;
    if (taskIds.length > 0) {
      const updated = await trx
        .updateTable('agent_tasks')
        .set({
          status: 'cancelled',
          finished_at: now.toISOString(),
          output: `audit policy ${id} was deleted`,
        })
        .where('id', 'in', taskIds)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      cancelled = Number(updated.numUpdatedRows);
    }
    // Foreign keys take the versions, groups, schedule, runs with their results, and waivers along.
    await trx.deleteFrom('sca_policies').where('id', '=', id).execute();
    return cancelled;
  });
}
