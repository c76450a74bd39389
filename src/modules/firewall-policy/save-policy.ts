import { AppError } from '../../platform/errors.ts';
import type { FirewallPolicy } from '../../protocol/firewall-policy.ts';
import type { FirewallPolicyRow } from '../../store/schema.ts';
import type { Deps } from '../deps.ts';
import { invalid, parsePolicySource } from './parse-policy-source.ts';
import { policyHosts } from './policy-hosts.ts';
import { queuePolicyTasks, type QueuedPolicyTask } from './queue-policy-tasks.ts';

export interface SavedPolicy {
  created: boolean;
  row: FirewallPolicyRow;
  policy: FirewallPolicy;
  /** Removal tasks for the hosts of groups the policy no longer names. */
  removed: QueuedPolicyTask[];
}

/**
 * Stores a policy from its YAML, as uploaded. Saving changes no host: `plan` and `apply` do.
 * The exception is a group taken out of the policy: its hosts are told to remove the policy's
 * rules, as if the policy were deleted for them, so no host keeps rules nobody can see.
 */
export async function savePolicy(
  deps: Deps,
  name: string,
  source: string,
  actor: string,
  now: Date,
): Promise<SavedPolicy> {
  const policy = parsePolicySource(source);
  if (policy.name !== name)
    throw invalid([{ path: 'name', message: `the policy is named "${policy.name}", not "${name}"` }]);
  const at = now.toISOString();
  const { row, created, left } = await deps.database.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('firewall_policy_groups')
      .select('group_name')
      .where('policy_name', '=', name)
      .execute();
    await trx.deleteFrom('firewall_policy_groups').where('policy_name', '=', name).execute();
    for (const group of new Set(policy.groups)) {
      // The primary key decides: a concurrent save of another policy claiming the group waits,
      // then wins or loses here.
      const claimed = await trx
        .insertInto('firewall_policy_groups')
        .values({ group_name: group, policy_name: name })
        .onConflict((oc) => oc.column('group_name').doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
        const owner = await trx
          .selectFrom('firewall_policy_groups')
          .select('policy_name')
          .where('group_name', '=', group)
          .executeTakeFirst();
        throw new AppError(
          'conflict',
          `group ${group} already has firewall policy "${owner?.policy_name ?? '?'}"; a group has at most one`,
        );
      }
    }
    const existing = await trx
      .selectFrom('firewall_policies')
      .select(['created_at', 'created_by'])
      .where('name', '=', name)
      .executeTakeFirst();
    const next: FirewallPolicyRow = {
      name,
      source,
      policy: JSON.stringify(policy),
      created_at: existing?.created_at ?? at,
      created_by: existing?.created_by ?? actor,
      updated_at: at,
      updated_by: actor,
      drift_checked_at: null,
    };
    if (existing) {
      const { name: _name, created_at: _at, created_by: _by, ...changes } = next;
      await trx.updateTable('firewall_policies').set(changes).where('name', '=', name).execute();
    } else await trx.insertInto('firewall_policies').values(next).execute();
    const kept = new Set<string>(policy.groups);
    return {
      row: next,
      created: !existing,
      left: before.map((group) => group.group_name).filter((group) => !kept.has(group)),
    };
  });
  // Without the task-signing key (the CLI before the server ever ran) nothing can be sent;
  // the caller says so.
  const removed =
    left.length === 0 || !deps.taskSigningKey
      ? []
      : await queuePolicyTasks(
          deps,
          {
            policyName: name,
            kind: 'apply',
            policy: null,
            hosts: await policyHosts(deps.database.db, left),
            createdBy: actor,
          },
          now,
        );
  return { created, row, policy, removed };
}
