import { FirewallPolicyApplyParams } from '../../protocol/firewall-policy.ts';
import type { Deps } from '../deps.ts';
import { appendSystemAudit } from '../audit/append-system-audit.ts';
import { hostKey, latestPolicyTasks } from './latest-policy-tasks.ts';
import { noPolicy } from './policy-revision.ts';
import { queuePolicyTasks } from './queue-policy-tasks.ts';

/**
 * For an agent that restarted or was away (the firewall reconciler decides): policy rules, like
 * blocks, do not survive a reboot, so the host gets back exactly what it last applied of its
 * group's policy. Not a newer revision nobody applied there yet: a reboot must not roll out an
 * unreviewed change. Nothing when its group has no policy, it never applied it or last removed
 * it, or an apply is already on its way to it. True when a task was queued.
 */
export async function restorePolicy(deps: Deps, agentId: string, now: Date): Promise<boolean> {
  const { db } = deps.database;
  if (!deps.taskSigningKey) return false;
  const agent = await db
    .selectFrom('agents')
    .select(['id', 'hostname', 'group_name'])
    .where('id', '=', agentId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!agent) return false;
  const owner = await db
    .selectFrom('firewall_policy_groups')
    .select('policy_name')
    .where('group_name', '=', agent.group_name)
    .executeTakeFirst();
  if (!owner) return false;
  const name = owner.policy_name;
  const applied = (await latestPolicyTasks(db, [name], 'apply', { succeeded: true, agents: [agentId] })).get(
    hostKey(name, agentId),
  );
  if (!applied || applied.revision === noPolicy) return false;
  const pending = await db
    .selectFrom('agent_tasks')
    .select('id')
    .where('agent_id', '=', agentId)
    .where('kind', '=', 'firewall.policy.apply')
    .where('status', 'in', ['queued', 'sent'])
    .limit(1)
    .executeTakeFirst();
  if (pending) return false;
  const params = FirewallPolicyApplyParams.parse(JSON.parse(applied.params));
  const [task] = await queuePolicyTasks(
    deps,
    {
      policyName: name,
      kind: 'apply',
      policy: params.policy,
      hosts: [agent],
      confirmSeconds: params.confirmSeconds,
      createdBy: null,
    },
    now,
  );
  await appendSystemAudit(db, now, {
    action: 'firewall.policies.apply',
    target: `${name} on ${agent.hostname}`,
    detail: `the host restarted or was away; restoring what it last applied (task ${applied.taskId}) as task ${task?.taskId ?? '?'}`,
  });
  return true;
}
