import { AppError } from '../../platform/errors.ts';
import type { PatchPlan } from '../../protocol/patch-api.ts';
import type { Deps } from '../deps.ts';
import { requirePlan } from './find-plan.ts';
import { toPatchPlan } from './to-patch-plan.ts';

/**
 * Approves a simulated draft for rollout. Every host must have answered its simulation, one at
 * least must be able to upgrade, and every canary too (a rollout cannot verify on a canary it
 * cannot patch). With `patches.separateApproval` (the default) the author cannot approve.
 */
export async function approvePlan(deps: Deps, id: string, approver: string, now: Date): Promise<PatchPlan> {
  const { db } = deps.database;
  const { plan, hosts } = await requirePlan(db, id);
  if (plan.status !== 'draft') throw new AppError('conflict', `the plan is already ${plan.status}`);
  if (deps.config.patches.separateApproval && approver === plan.created_by)
    throw new AppError(
      'conflict',
      `${approver} wrote this plan; someone else must approve it (patches.separateApproval)`,
    );
  const pending = hosts.filter((host) => host.status === 'pending');
  if (pending.some((host) => host.simulate_task_id === null))
    throw new AppError('conflict', 'simulate the plan first: approval is of what the simulation showed');
  if (pending.length > 0)
    throw new AppError('conflict', `${pending.length} host(s) have not answered the simulation yet`);
  if (!hosts.some((host) => host.status === 'simulated'))
    throw new AppError('conflict', 'no host of the plan can install its fixes: nothing to approve');
  const blocked = hosts.filter((host) => host.canary === 1 && host.status !== 'simulated');
  if (blocked.length > 0)
    throw new AppError(
      'conflict',
      `canary host(s) cannot be patched: ${blocked.map((host) => `${host.hostname ?? host.agent_id} (${host.error ?? host.status})`).join(', ')}; make a plan with other canaries`,
    );
  const iso = now.toISOString();
  // Conditional on the plan as read: a simulation started meanwhile keeps it a draft.
  const updated = await db
    .updateTable('patch_plans')
    .set({
      status: 'approved',
      approved_by: approver,
      approved_at: iso,
      message: 'approved',
      updated_at: iso,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('updated_at', '=', plan.updated_at)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    throw new AppError('conflict', 'the plan changed meanwhile; read it again');
  const stored = await requirePlan(db, id);
  return toPatchPlan(stored.plan, stored.hosts);
}
