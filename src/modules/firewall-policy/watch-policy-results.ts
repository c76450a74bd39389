import type { Finding } from '../../protocol/finding.ts';
import type { Deps } from '../deps.ts';
import { driftFinding } from './drift-finding.ts';
import { findPolicy } from './find-policy.ts';
import { hostKey, latestPolicyTasks } from './latest-policy-tasks.ts';
import { policyRevision } from './policy-revision.ts';
import { readPlan } from './read-plan.ts';
import { resolveDrift } from './resolve-drift.ts';

/** Where a drift finding goes: the alert sink, so notifications and response policies see it too. */
export type RecordDrift = (
  finding: Finding,
  source: { agentId: string; dedupWindowMs: number },
) => Promise<unknown>;

/**
 * For the task result hook: a plan of a policy's current revision that finds the host's
 * firewall changed since that revision was applied there raises "Firewall drift on HOST"; a
 * clean one resolves it. A plan that finds changes on a host that never applied this revision
 * is a change waiting to be applied, not drift, and raises nothing. Other results are ignored.
 */
export function createPolicyResultWatcher(deps: Deps, record: RecordDrift) {
  const { db } = deps.database;
  // Drift that lasts is one alert however often it is checked, even with checks further apart
  // than alerts' own window.
  const dedupWindowMs =
    Math.max(deps.config.detection.dedupWindowMinutes, 2 * deps.config.firewall.driftCheckMinutes + 5) *
    60_000;
  return async (agentId: string, taskId: string): Promise<void> => {
    const side = await db
      .selectFrom('firewall_policy_tasks')
      .selectAll()
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    if (side?.kind !== 'plan') return;
    const task = await db
      .selectFrom('agent_tasks')
      .select(['status', 'output', 'finished_at'])
      .where('id', '=', taskId)
      .executeTakeFirst();
    if (task?.status !== 'succeeded') return;
    const plan = readPlan(task.output);
    if (!plan) {
      deps.logger.warn(
        { agentId, taskId },
        'a firewall policy plan came back in a form this server does not read',
      );
      return;
    }
    const stored = await findPolicy(db, side.policy_name);
    if (!stored || policyRevision(stored.policy) !== side.revision) return;
    const agent = await db
      .selectFrom('agents')
      .select(['id', 'hostname'])
      .where('id', '=', agentId)
      .executeTakeFirst();
    if (!agent) return;
    const now = deps.clock.now();
    if (!plan.changed) {
      await resolveDrift(db, side.policy_name, agent, now);
      return;
    }
    const applied = (
      await latestPolicyTasks(db, [side.policy_name], 'apply', { succeeded: true, agents: [agentId] })
    ).get(hostKey(side.policy_name, agentId));
    // An apply queued after this plan ran after it on the host, so the plan says nothing of it.
    if (applied?.revision !== side.revision || applied.createdAt > side.created_at) return;
    await record(
      driftFinding({
        policyName: side.policy_name,
        hostname: agent.hostname,
        taskId,
        plan,
        at: Date.parse(task.finished_at ?? '') || now.getTime(),
      }),
      { agentId, dedupWindowMs },
    );
    deps.logger.warn({ agentId, policy: side.policy_name }, `firewall drift on ${agent.hostname}`);
  };
}
