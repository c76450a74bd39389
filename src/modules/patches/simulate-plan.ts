import { AppError } from '../../platform/errors.ts';
import { SystemPackageManager } from '../../protocol/inventory.ts';
import type { PatchPlan } from '../../protocol/patch-api.ts';
import type { Deps } from '../deps.ts';
import { queueTask } from '../tasks/queue-task.ts';
import { ringTaskBell } from '../tasks/task-bell.ts';
import { requirePlan } from './find-plan.ts';
import { readPackages } from './planned-package.ts';
import { toPatchPlan } from './to-patch-plan.ts';

/** apt resolving a large upgrade on a slow host takes a while; it never changes anything. */
const simulateSeconds = 900;

/**
 * Asks every host of a draft plan what its upgrades would change (`patch.simulate`); the rollout
 * ticker records the answers, and hosts become simulated or unavailable. Simulating again
 * starts over, so a plan can be checked again after the repositories change.
 */
export async function simulatePlan(deps: Deps, id: string, actor: string, now: Date): Promise<PatchPlan> {
  const { db } = deps.database;
  const key = deps.taskSigningKey;
  if (!key)
    throw new AppError('not_ready', 'this server has no task-signing key yet (start the server once)');
  const { plan, hosts } = await requirePlan(db, id);
  if (plan.status !== 'draft')
    throw new AppError('conflict', `the plan is ${plan.status}: only a draft is simulated`);
  const iso = now.toISOString();
  const agents = await db
    .selectFrom('agents')
    .select(['id', 'revoked_at'])
    .where(
      'id',
      'in',
      hosts.map((host) => host.agent_id),
    )
    .execute();
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('patch_plans')
      .set({ active: 1, message: `simulating on ${hosts.length} host(s)`, updated_at: iso })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0)
      throw new AppError('conflict', 'the plan changed meanwhile; read it again');
    for (const host of hosts) {
      const packages = readPackages(host.packages).map((entry) => ({
        ...entry,
        version: null,
        unavailable: false,
        candidate: null,
      }));
      const fresh = {
        packages: JSON.stringify(packages),
        simulation: null,
        output: null,
        error: null,
        updated_at: iso,
      };
      const agent = agents.find((row) => row.id === host.agent_id);
      if (!agent || agent.revoked_at !== null) {
        await trx
          .updateTable('patch_plan_hosts')
          .set({ ...fresh, status: 'unavailable', simulate_task_id: null, error: 'the agent is revoked' })
          .where('plan_id', '=', id)
          .where('agent_id', '=', host.agent_id)
          .execute();
        continue;
      }
      const task = await queueTask(
        trx,
        key,
        {
          kind: 'patch.simulate',
          params: {
            manager: SystemPackageManager.parse(host.manager),
            packages: packages.map((entry) => ({ name: entry.name, atLeast: entry.atLeast })),
          },
          timeoutSeconds: simulateSeconds,
          agentId: host.agent_id,
          createdBy: actor,
        },
        now,
      );
      await trx
        .updateTable('patch_plan_hosts')
        .set({ ...fresh, status: 'pending', simulate_task_id: task.id })
        .where('plan_id', '=', id)
        .where('agent_id', '=', host.agent_id)
        .execute();
    }
  });
  // queueTask rang inside the transaction, before its rows could be seen; ring again now they can.
  for (const host of hosts) ringTaskBell(host.agent_id);
  const stored = await requirePlan(db, id);
  return toPatchPlan(stored.plan, stored.hosts);
}
