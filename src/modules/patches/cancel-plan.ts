import { AppError } from '../../platform/errors.ts';
import type { PatchPlan } from '../../protocol/patch-api.ts';
import type { Deps } from '../deps.ts';
import { requirePlan } from './find-plan.ts';
import { moveHost, withdrawTask } from './move-host.ts';
import { toPatchPlan } from './to-patch-plan.ts';

/**
 * Cancels a plan that has not finished. Hosts not yet started are skipped, and tasks the agents
 * have not fetched are withdrawn; an upgrade already on its way cannot be called back, so hosts
 * in flight are still followed to their end and keep their result.
 */
export async function cancelPlan(deps: Deps, id: string, actor: string, now: Date): Promise<PatchPlan> {
  const { db } = deps.database;
  const { plan, hosts } = await requirePlan(db, id);
  if (!['draft', 'approved', 'running'].includes(plan.status))
    throw new AppError('conflict', `the plan is already ${plan.status}`);
  const iso = now.toISOString();
  const updated = await db
    .updateTable('patch_plans')
    .set({ status: 'cancelled', message: `cancelled by ${actor}`, updated_at: iso })
    .where('id', '=', id)
    .where('status', '=', plan.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    throw new AppError('conflict', 'the plan changed meanwhile; read it again');
  const why = `cancelled with patch plan ${plan.name} by ${actor}`;
  for (const host of hosts) {
    const queued =
      host.status === 'pending'
        ? host.simulate_task_id
        : host.status === 'applying'
          ? host.apply_task_id
          : null;
    const notStarted =
      host.status === 'simulated' ||
      (host.status === 'pending' && host.simulate_task_id === null) ||
      (queued !== null && (await withdrawTask(db, queued, why, now)));
    if (notStarted) await moveHost(db, host, { status: 'skipped', error: why }, now);
  }
  const stored = await requirePlan(db, id);
  return toPatchPlan(stored.plan, stored.hosts);
}
