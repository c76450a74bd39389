import { AppError } from '../../platform/errors.ts';
import type { FirewallPolicy } from '../../protocol/firewall-policy.ts';
import type { Deps } from '../deps.ts';
import { requirePolicy } from './find-policy.ts';
import { policyHosts } from './policy-hosts.ts';
import { queuePolicyTasks, type PolicyTaskKind, type QueuedPolicyTask } from './queue-policy-tasks.ts';

export interface PolicyTaskOptions {
  /** Agent ids, each a host of the policy; absent: all of them. */
  agents?: readonly string[] | undefined;
  confirmSeconds?: number | undefined;
}

export interface RequestedPolicyTasks {
  policy: FirewallPolicy;
  tasks: QueuedPolicyTask[];
}

/** Plans or applies a stored policy on its hosts, or on some of them. 404 for an unknown policy. */
export async function requestPolicyTasks(
  deps: Deps,
  name: string,
  kind: PolicyTaskKind,
  options: PolicyTaskOptions,
  createdBy: string,
  now: Date,
): Promise<RequestedPolicyTasks> {
  const { db } = deps.database;
  const { policy } = await requirePolicy(db, name);
  let hosts = await policyHosts(db, policy.groups);
  if (options.agents) {
    const wanted = new Set(options.agents);
    const strangers = [...wanted].filter((id) => !hosts.some((host) => host.id === id));
    // Applying a policy to a host outside its groups would leave rules no listing shows.
    if (strangers.length > 0)
      throw new AppError(
        'validation_failed',
        `not a host of policy ${name} (groups: ${policy.groups.join(', ') || 'none'}): ${strangers.join(', ')}`,
        { issues: [{ path: 'agents', message: `not hosts of the policy: ${strangers.join(', ')}` }] },
      );
    hosts = hosts.filter((host) => wanted.has(host.id));
  }
  const tasks = await queuePolicyTasks(
    deps,
    { policyName: name, kind, policy, hosts, confirmSeconds: options.confirmSeconds, createdBy },
    now,
  );
  return { policy, tasks };
}
