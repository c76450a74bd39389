import type { Kysely } from 'kysely';
import { FirewallPolicy } from '../../protocol/firewall-policy.ts';
import type { FirewallPolicySummary } from '../../protocol/firewall-policies-api.ts';
import type { DB } from '../../store/schema.ts';
import { hostDrift } from './host-drift.ts';
import { hostKey, latestPolicyTasks } from './latest-policy-tasks.ts';
import { policyHosts } from './policy-hosts.ts';
import { policyRevision } from './policy-revision.ts';

/** Every policy by name, with how many hosts it has and how many of them drift. */
export async function listPolicies(db: Kysely<DB>): Promise<FirewallPolicySummary[]> {
  const rows = await db.selectFrom('firewall_policies').selectAll().orderBy('name').execute();
  const finishedPlans = await latestPolicyTasks(
    db,
    rows.map((row) => row.name),
    'plan',
    { finished: true },
  );
  const summaries: FirewallPolicySummary[] = [];
  for (const row of rows) {
    const policy = FirewallPolicy.parse(JSON.parse(row.policy));
    const hosts = await policyHosts(db, policy.groups);
    const revision = policyRevision(policy);
    summaries.push({
      name: row.name,
      description: policy.description ?? null,
      groups: policy.groups,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
      hosts: hosts.length,
      drifted: hosts.filter(
        (host) => hostDrift(finishedPlans.get(hostKey(row.name, host.id)), revision) === 'drifted',
      ).length,
    });
  }
  return summaries;
}
