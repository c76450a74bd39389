import { AppError } from '../../platform/errors.ts';
import { SystemPackageManager } from '../../protocol/inventory.ts';
import type { PatchPlanHostsTable, PatchPlansTable } from '../../store/schema-patches.ts';
import type { Deps } from '../deps.ts';
import { queueTask } from '../tasks/queue-task.ts';
import { ringTaskBell } from '../tasks/task-bell.ts';
import { auditPlanStep } from './audit-host-step.ts';
import { requirePlan } from './find-plan.ts';
import { moveHost, withdrawTask } from './move-host.ts';
import { readPackages } from './planned-package.ts';
import { windowMessage } from './window-message.ts';

/** The agent's own limit for one task; an upgrade of hundreds of packages can take most of it. */
const applySeconds = 3600;

/**
 * Moves a running rollout on: stops it once a canary fails or failed hosts reach the threshold,
 * or once its maintenance window ends (withdrawing upgrades not yet fetched); waits while the
 * window has not opened; otherwise starts upgrades on waiting hosts, canaries first and the rest
 * only once every canary succeeded, at most `patches.concurrency` at a time; and completes the
 * plan when no host is left.
 */
export async function rollOut(deps: Deps, planId: string, now: Date): Promise<void> {
  const { db } = deps.database;
  const { plan, hosts } = await requirePlan(db, planId);
  if (plan.status !== 'running') return;
  const failed = hosts.filter((host) => host.status === 'failed');
  const canaryFailed = failed.find((host) => host.canary === 1);
  if (canaryFailed)
    return stop(
      deps,
      plan,
      hosts,
      `canary host ${canaryFailed.hostname ?? canaryFailed.agent_id} failed: ${canaryFailed.error ?? ''}`,
      now,
    );
  if (failed.length >= plan.failure_threshold)
    return stop(
      deps,
      plan,
      hosts,
      `${failed.length} host(s) failed, the failure threshold is ${plan.failure_threshold}`,
      now,
    );
  const waiting = windowMessage(plan, now);
  if (waiting !== null) return say(deps, plan, waiting, now);
  let waitingHosts = hosts.filter((host) => host.status === 'simulated');
  const inFlight = hosts.filter((host) => host.status === 'applying' || host.status === 'verifying');
  if (plan.window_end !== null && Date.parse(plan.window_end) <= now.getTime()) {
    // Never after the window: an upgrade the agent has not fetched yet is called back.
    const why = `the maintenance window ended at ${plan.window_end}`;
    let withdrawn = 0;
    for (const host of inFlight) {
      if (host.status !== 'applying' || host.apply_task_id === null) continue;
      if (!(await withdrawTask(db, host.apply_task_id, why, now))) continue;
      await moveHost(db, host, { status: 'skipped', error: why }, now);
      withdrawn += 1;
    }
    if (waitingHosts.length > 0 || withdrawn > 0) return stop(deps, plan, hosts, why, now);
  }
  if (waitingHosts.length === 0 && inFlight.length === 0) return complete(deps, plan, hosts, now);
  const canaries = hosts.filter((host) => host.canary === 1);
  if (!canaries.every((host) => host.status === 'succeeded'))
    waitingHosts = waitingHosts.filter((host) => host.canary === 1);
  const slots = Math.max(0, deps.config.patches.concurrency - inFlight.length);
  for (const host of waitingHosts.slice(0, slots)) await startHost(deps, plan, host, now);
  const after = (await requirePlan(db, planId)).hosts;
  const count = (status: string) => after.filter((host) => host.status === status).length;
  const phase =
    canaries.length > 0 && !canaries.every((host) => host.status === 'succeeded') ? 'canaries: ' : '';
  await say(
    deps,
    plan,
    `rolling out, ${phase}${count('succeeded')} succeeded, ${count('failed')} failed, ${count('applying') + count('verifying')} in progress, ${count('simulated')} waiting`,
    now,
  );
}

/** Queues one host's upgrade to the exact versions its simulation chose. */
async function startHost(
  deps: Deps,
  plan: PatchPlansTable,
  host: PatchPlanHostsTable,
  now: Date,
): Promise<void> {
  const { db } = deps.database;
  const key = deps.taskSigningKey;
  if (!key) throw new AppError('not_ready', 'this server has no task-signing key');
  const packages = readPackages(host.packages).flatMap((entry) =>
    entry.unavailable || entry.version === null ? [] : [{ name: entry.name, version: entry.version }],
  );
  const started = await db.transaction().execute(async (trx) => {
    if (!(await moveHost(trx, host, { status: 'applying' }, now))) return false;
    const task = await queueTask(
      trx,
      key,
      {
        kind: 'patch.apply',
        params: { manager: SystemPackageManager.parse(host.manager), packages },
        timeoutSeconds: applySeconds,
        agentId: host.agent_id,
        createdBy: `patch-plan:${plan.name}`,
      },
      now,
    );
    await trx
      .updateTable('patch_plan_hosts')
      .set({ apply_task_id: task.id })
      .where('plan_id', '=', host.plan_id)
      .where('agent_id', '=', host.agent_id)
      .execute();
    return true;
  });
  if (!started) return;
  ringTaskBell(host.agent_id);
  const detail = packages.map((entry) => `${entry.name}=${entry.version}`).join(', ');
  await auditPlanStep(db, now, plan, host, 'patches.host.apply', `upgrade queued: ${detail}`);
}

/** Ends the rollout early: hosts not started are skipped; hosts in flight are still followed. */
async function stop(
  deps: Deps,
  plan: PatchPlansTable,
  hosts: readonly PatchPlanHostsTable[],
  message: string,
  now: Date,
): Promise<void> {
  if (!(await finish(deps, plan, 'stopped', message, now))) return;
  for (const host of hosts.filter((item) => item.status === 'simulated'))
    await moveHost(
      deps.database.db,
      host,
      { status: 'skipped', error: `the rollout stopped: ${message}` },
      now,
    );
  await auditPlanStep(deps.database.db, now, plan, null, 'patches.plan.stopped', message, 'failure');
}

async function complete(
  deps: Deps,
  plan: PatchPlansTable,
  hosts: readonly PatchPlanHostsTable[],
  now: Date,
): Promise<void> {
  const count = (status: string) => hosts.filter((host) => host.status === status).length;
  const message = `completed: ${count('succeeded')} succeeded, ${count('failed')} failed, ${count('unavailable')} unavailable`;
  if (await finish(deps, plan, 'completed', message, now))
    await auditPlanStep(deps.database.db, now, plan, null, 'patches.plan.completed', message);
}

async function finish(
  deps: Deps,
  plan: PatchPlansTable,
  status: string,
  message: string,
  now: Date,
): Promise<boolean> {
  const updated = await deps.database.db
    .updateTable('patch_plans')
    .set({ status, message, updated_at: now.toISOString() })
    .where('id', '=', plan.id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

async function say(deps: Deps, plan: PatchPlansTable, message: string, now: Date): Promise<void> {
  if (plan.message === message) return;
  await deps.database.db
    .updateTable('patch_plans')
    .set({ message, updated_at: now.toISOString() })
    .where('id', '=', plan.id)
    .where('status', '=', 'running')
    .execute();
}
