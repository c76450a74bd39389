import type { Kysely } from 'kysely';
import type { AgentTaskRow, DB } from '../../store/schema.ts';
import type { PatchPlanHostsTable } from '../../store/schema-patches.ts';
import type { Deps } from '../deps.ts';
import { auditPlanStep } from './audit-host-step.ts';
import { requirePlan } from './find-plan.ts';
import { moveHost, withdrawTask } from './move-host.ts';
import { recordApply } from './record-apply.ts';
import { recordSimulation } from './record-simulation.ts';
import { rollOut } from './roll-out.ts';
import { verifyHost } from './verify-host.ts';

const finished = new Set(['succeeded', 'failed', 'timed_out', 'cancelled']);

/**
 * One step of a plan, from what is stored: answers of simulations and upgrades are recorded,
 * hosts verified, and a running rollout moves on (rollOut). Everything it needs is in the
 * database, so a restarted server takes up where it stopped, finding the tasks it already sent
 * instead of sending them again.
 */
export async function advancePlan(deps: Deps, planId: string): Promise<void> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const { plan, hosts } = await requirePlan(db, planId);
  const tasks = await tasksOf(db, hosts);
  for (const host of hosts) {
    if (host.status === 'pending' && host.simulate_task_id !== null) {
      const task = tasks.get(host.simulate_task_id);
      if (task && finished.has(task.status)) await recordSimulation(deps, plan, host, task, now);
    } else if (host.status === 'applying' && host.apply_task_id !== null) {
      const task = tasks.get(host.apply_task_id);
      if (task && finished.has(task.status)) await recordApply(deps, plan, host, task, now);
      else if (task && expired(task, now)) await neverFetched(deps, plan.name, host, task, now);
    } else if (host.status === 'verifying') {
      await verifyHost(deps, plan, host, tasks.get(host.verify_task_id ?? ''), now);
    }
  }
  if (plan.status === 'running') await rollOut(deps, planId, now);
  await settle(db, planId, now);
}

/** A queued task past its signature's expiry: the agent never came for it, and would refuse it now. */
function expired(task: AgentTaskRow, now: Date): boolean {
  return task.status === 'queued' && Date.parse(task.expires_at) <= now.getTime();
}

async function neverFetched(
  deps: Deps,
  planName: string,
  host: PatchPlanHostsTable,
  task: AgentTaskRow,
  now: Date,
): Promise<void> {
  const { db } = deps.database;
  const error = 'the agent did not fetch the upgrade before it expired (offline?)';
  if (!(await withdrawTask(db, task.id, error, now))) return;
  if (await moveHost(db, host, { status: 'failed', error }, now))
    await auditPlanStep(
      db,
      now,
      { id: host.plan_id, name: planName },
      host,
      'patches.host.failed',
      error,
      'failure',
    );
}

async function tasksOf(
  db: Kysely<DB>,
  hosts: readonly PatchPlanHostsTable[],
): Promise<Map<string, AgentTaskRow>> {
  const ids = hosts
    .flatMap((host) => [host.simulate_task_id, host.apply_task_id, host.verify_task_id])
    .filter((id): id is string => id !== null);
  const rows = new Map<string, AgentTaskRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    for (const row of await db.selectFrom('agent_tasks').selectAll().where('id', 'in', slice).execute())
      rows.set(row.id, row);
  }
  return rows;
}

/**
 * Whether the plan still has something to follow (a simulation, a rollout, a host in flight);
 * once a simulation is all in, a draft says what it found.
 */
async function settle(db: Kysely<DB>, planId: string, now: Date): Promise<void> {
  const { plan, hosts } = await requirePlan(db, planId);
  const simulating = hosts.some((host) => host.status === 'pending' && host.simulate_task_id !== null);
  const inFlight = hosts.some((host) => host.status === 'applying' || host.status === 'verifying');
  const active = plan.status === 'running' || simulating || inFlight ? 1 : 0;
  if (active === plan.active) return;
  const count = (status: string) => hosts.filter((host) => host.status === status).length;
  const message =
    plan.status === 'draft'
      ? `simulated: ${count('simulated')} host(s) ready, ${count('unavailable')} unavailable`
      : plan.message;
  await db
    .updateTable('patch_plans')
    .set({ active, message, updated_at: now.toISOString() })
    .where('id', '=', planId)
    .where('active', '=', plan.active)
    .execute();
}
