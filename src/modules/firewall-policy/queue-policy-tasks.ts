import { AppError } from '../../platform/errors.ts';
import { confirmSecondsDefault, type FirewallPolicy } from '../../protocol/firewall-policy.ts';
import type { QueuedPolicyTasks } from '../../protocol/firewall-policies-api.ts';
import type { Deps } from '../deps.ts';
import { queueTask } from '../tasks/queue-task.ts';
import { ringTaskBell } from '../tasks/task-bell.ts';
import type { PolicyHost } from './policy-hosts.ts';
import { policyRevision } from './policy-revision.ts';

/** A plan loads the policy into a scratch namespace and lists it back: seconds, but give a slow host room. */
const planTaskSeconds = 120;
/** An apply waits up to confirmSeconds to reach the server, then may roll back; this much on top of that. */
const applyMarginSeconds = 120;

export type PolicyTaskKind = 'plan' | 'apply';

export interface PolicyTaskRequest {
  /** The policy the tasks are for, also when `policy` is null (removing it). */
  policyName: string;
  kind: PolicyTaskKind;
  policy: FirewallPolicy | null;
  hosts: readonly PolicyHost[];
  confirmSeconds?: number | undefined;
  /** A username, `cli:<user>`; null when the system queued it. */
  createdBy: string | null;
}

export type QueuedPolicyTask = QueuedPolicyTasks['tasks'][number];

/**
 * Queues signed `firewall.policy.plan` or `.apply` tasks for the hosts and records which policy
 * (and revision) each is for. One transaction, so a task's result never arrives before that
 * record; the hosts' polls are woken once it commits.
 */
export async function queuePolicyTasks(
  deps: Deps,
  request: PolicyTaskRequest,
  now: Date,
): Promise<QueuedPolicyTask[]> {
  const key = deps.taskSigningKey;
  if (!key)
    throw new AppError('not_ready', 'this server has no task-signing key yet (start the server once)');
  if (request.hosts.length === 0) return [];
  const revision = policyRevision(request.policy);
  const confirmSeconds = request.confirmSeconds ?? confirmSecondsDefault;
  const task =
    request.kind === 'plan'
      ? {
          kind: 'firewall.policy.plan' as const,
          params: { policy: request.policy },
          timeoutSeconds: planTaskSeconds,
        }
      : {
          kind: 'firewall.policy.apply' as const,
          params: { policy: request.policy, confirmSeconds },
          timeoutSeconds: confirmSeconds + applyMarginSeconds,
        };
  const queued = await deps.database.db.transaction().execute(async (trx) => {
    const tasks: QueuedPolicyTask[] = [];
    for (const host of request.hosts) {
      const { id } = await queueTask(
        trx,
        key,
        { ...task, agentId: host.id, createdBy: request.createdBy },
        now,
      );
      await trx
        .insertInto('firewall_policy_tasks')
        .values({
          task_id: id,
          policy_name: request.policyName,
          agent_id: host.id,
          kind: request.kind,
          revision,
          created_at: now.toISOString(),
        })
        .execute();
      tasks.push({ agentId: host.id, hostname: host.hostname, taskId: id });
    }
    return tasks;
  });
  // queueTask rang inside the transaction, before its rows could be seen; ring again now they can.
  for (const host of request.hosts) ringTaskBell(host.id);
  return queued;
}
