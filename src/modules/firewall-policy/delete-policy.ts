import type { Deps } from '../deps.ts';
import { requirePolicy } from './find-policy.ts';
import { policyHosts } from './policy-hosts.ts';
import { queuePolicyTasks, type QueuedPolicyTask } from './queue-policy-tasks.ts';

/**
 * Deletes a policy and tells its hosts to remove its rules (`firewall.policy.apply` with
 * `policy: null`), which leaves the rest of Vigil's table, blocks included, as it is. 404 when
 * there is no such policy. Returns the removal tasks; none without the task-signing key.
 */
export async function deletePolicy(
  deps: Deps,
  name: string,
  actor: string,
  now: Date,
): Promise<QueuedPolicyTask[]> {
  const { db } = deps.database;
  const { policy } = await requirePolicy(db, name);
  const hosts = await policyHosts(db, policy.groups);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('firewall_policy_groups').where('policy_name', '=', name).execute();
    await trx.deleteFrom('firewall_policies').where('name', '=', name).execute();
  });
  if (!deps.taskSigningKey) return [];
  return queuePolicyTasks(
    deps,
    { policyName: name, kind: 'apply', policy: null, hosts, createdBy: actor },
    now,
  );
}
