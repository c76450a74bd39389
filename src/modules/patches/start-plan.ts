import { AppError } from '../../platform/errors.ts';
import type { PatchPlan } from '../../protocol/patch-api.ts';
import type { Deps } from '../deps.ts';
import { requirePlan } from './find-plan.ts';
import { toPatchPlan } from './to-patch-plan.ts';
import { windowMessage } from './window-message.ts';

/**
 * Starts an approved plan's rollout. The rollout ticker does the work: at once, or once the
 * maintenance window opens; a window that has already ended is refused.
 */
export async function startPlan(deps: Deps, id: string, actor: string, now: Date): Promise<PatchPlan> {
  const { db } = deps.database;
  const { plan } = await requirePlan(db, id);
  if (plan.status !== 'approved')
    throw new AppError(
      'conflict',
      plan.status === 'draft' ? 'the plan is not approved yet' : `the plan is already ${plan.status}`,
    );
  if (plan.window_end !== null && Date.parse(plan.window_end) <= now.getTime())
    throw new AppError('conflict', `its maintenance window ended at ${plan.window_end}; make a new plan`);
  const iso = now.toISOString();
  const updated = await db
    .updateTable('patch_plans')
    .set({
      status: 'running',
      started_by: actor,
      started_at: iso,
      active: 1,
      message: windowMessage(plan, now) ?? 'rolling out',
      updated_at: iso,
    })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    throw new AppError('conflict', 'the plan changed meanwhile; read it again');
  const stored = await requirePlan(db, id);
  return toPatchPlan(stored.plan, stored.hosts);
}
