import type { Kysely } from 'kysely';
import type { FirewallPolicyDetail, FirewallPolicyHost } from '../../protocol/firewall-policies-api.ts';
import { taskStatuses, type TaskStatus } from '../../protocol/tasks.ts';
import type { DB } from '../../store/schema.ts';
import { renderPolicy } from '../firewall/render-policy.ts';
import { requirePolicy } from './find-policy.ts';
import { hostDrift } from './host-drift.ts';
import { hostKey, latestPolicyTasks, type PolicyTaskState } from './latest-policy-tasks.ts';
import { policyHosts } from './policy-hosts.ts';
import { policyRevision } from './policy-revision.ts';
import { readPlan } from './read-plan.ts';

const statusOf = (task: PolicyTaskState): TaskStatus =>
  taskStatuses.find((status) => status === task.status) ?? 'failed';

/** A policy with its YAML, its ruleset, and each of its hosts' latest plan and apply. 404 when unknown. */
export async function getPolicyDetail(db: Kysely<DB>, name: string): Promise<FirewallPolicyDetail> {
  const { row, policy } = await requirePolicy(db, name);
  const hosts = await policyHosts(db, policy.groups);
  const agents = hosts.map((host) => host.id);
  const [plans, finishedPlans, applies] = await Promise.all([
    latestPolicyTasks(db, [name], 'plan', { agents }),
    latestPolicyTasks(db, [name], 'plan', { agents, finished: true }),
    latestPolicyTasks(db, [name], 'apply', { agents }),
  ]);
  const revision = policyRevision(policy);
  return {
    name,
    source: row.source,
    policy,
    rendered: renderPolicy(policy),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    hosts: hosts.map((host): FirewallPolicyHost => {
      const key = hostKey(name, host.id);
      const plan = plans.get(key);
      const apply = applies.get(key);
      return {
        agentId: host.id,
        hostname: host.hostname,
        group: host.group_name,
        drift: hostDrift(finishedPlans.get(key), revision),
        lastPlan: plan
          ? {
              taskId: plan.taskId,
              status: statusOf(plan),
              finishedAt: plan.finishedAt,
              plan: plan.status === 'succeeded' ? readPlan(plan.output) : null,
              error: ['failed', 'timed_out', 'cancelled'].includes(plan.status) ? plan.output : null,
            }
          : null,
        lastApply: apply
          ? {
              taskId: apply.taskId,
              status: statusOf(apply),
              finishedAt: apply.finishedAt,
              output: apply.output,
            }
          : null,
      };
    }),
  };
}
