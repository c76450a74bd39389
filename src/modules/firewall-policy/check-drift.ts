import { FirewallPolicy } from '../../protocol/firewall-policy.ts';
import type { Deps } from '../deps.ts';
import { policyHosts } from './policy-hosts.ts';
import { queuePolicyTasks } from './queue-policy-tasks.ts';

/** A run a few seconds early still counts, so a check every N minutes does not slip to N + 1. */
const slackMs = 30_000;

/**
 * For the scheduler, every minute: each policy whose last drift check is `firewall.driftCheckMinutes`
 * old is planned on its hosts. A policy is claimed with a conditional update, so with several
 * server processes on one database exactly one queues its plans. A host that has not answered
 * its previous plan of the policy (offline, say) is not sent another: it would only get a pile
 * of them when it returns. Returns how many plans were queued.
 */
export async function checkDrift(deps: Deps, now: Date): Promise<number> {
  const { db } = deps.database;
  if (!deps.taskSigningKey || deps.config.firewall.driftCheckMinutes === 0) return 0;
  const due = new Date(
    now.getTime() - deps.config.firewall.driftCheckMinutes * 60_000 + slackMs,
  ).toISOString();
  const policies = await db
    .selectFrom('firewall_policies')
    .select(['name', 'policy', 'drift_checked_at'])
    .where((eb) => eb.or([eb('drift_checked_at', 'is', null), eb('drift_checked_at', '<=', due)]))
    .execute();
  let queued = 0;
  for (const row of policies) {
    const claimed = await db
      .updateTable('firewall_policies')
      .set({ drift_checked_at: now.toISOString() })
      .where('name', '=', row.name)
      .where((eb) =>
        row.drift_checked_at === null
          ? eb('drift_checked_at', 'is', null)
          : eb('drift_checked_at', '=', row.drift_checked_at),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    const policy = FirewallPolicy.parse(JSON.parse(row.policy));
    const hosts = await policyHosts(db, policy.groups);
    if (hosts.length === 0) continue;
    const waiting = await db
      .selectFrom('firewall_policy_tasks as p')
      .innerJoin('agent_tasks as t', 't.id', 'p.task_id')
      .select('p.agent_id')
      .where('p.policy_name', '=', row.name)
      .where('p.kind', '=', 'plan')
      .where('t.status', 'in', ['queued', 'sent'])
      .execute();
    const busy = new Set(waiting.map((task) => task.agent_id));
    const tasks = await queuePolicyTasks(
      deps,
      {
        policyName: row.name,
        kind: 'plan',
        policy,
        hosts: hosts.filter((host) => !busy.has(host.id)),
        createdBy: null,
      },
      now,
    );
    queued += tasks.length;
  }
  return queued;
}
