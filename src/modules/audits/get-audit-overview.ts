import type { Kysely } from 'kysely';
import type { AuditOverview } from '../../protocol/audits-api.ts';
import type { DB } from '../../store/schema.ts';
import { activeWaivers } from './active-waivers.ts';
import { auditScore } from '../sca/audit-score.ts';
import { latestRuns } from './latest-runs.ts';
import { tallyRuns, type RunTally } from './tally-runs.ts';

interface Sum {
  passed: number;
  failed: number;
}

/**
 * Fleet, host, policy, group and framework scores over every host's latest run of each policy,
 * waived checks excluded. Every unrevoked host is listed, audited or not (score null, never
 * run); groups are those with hosts.
 */
export async function getAuditOverview(db: Kysely<DB>, now: Date): Promise<AuditOverview> {
  const agents = await db
    .selectFrom('agents')
    .select(['id', 'hostname', 'group_name'])
    .where('revoked_at', 'is', null)
    .orderBy('hostname')
    .orderBy('id')
    .execute();
  const hosts = new Map(agents.map((agent) => [agent.id, { id: agent.id, group: agent.group_name }]));
  const policies = await db.selectFrom('sca_policies').select(['id', 'name']).orderBy('id').execute();
  const runs = await latestRuns(db);
  const tallies = await tallyRuns(db, runs, hosts, await activeWaivers(db, now));

  const byHost = new Map<string, { tally: RunTally; lastRunAt: string }[]>();
  const byPolicy = new Map<string, RunTally[]>();
  for (const run of runs) {
    const tally = tallies.get(run.id);
    if (!tally) continue;
    byHost.set(run.agent_id, [...(byHost.get(run.agent_id) ?? []), { tally, lastRunAt: run.started_at }]);
    byPolicy.set(run.policy_id, [...(byPolicy.get(run.policy_id) ?? []), tally]);
  }

  const fleet: Sum = { passed: 0, failed: 0 };
  const groups = new Map<string, Sum & { hosts: number }>();
  const frameworks = new Map<string, Sum>();
  const hostRows = agents.map((agent) => {
    const entries = byHost.get(agent.id) ?? [];
    const sum = { passed: 0, failed: 0, notApplicable: 0 };
    for (const { tally } of entries) {
      sum.passed += tally.passed;
      sum.failed += tally.failed;
      sum.notApplicable += tally.notApplicable;
      for (const [framework, counts] of Object.entries(tally.frameworks)) {
        const entry = frameworks.get(framework) ?? { passed: 0, failed: 0 };
        entry.passed += counts.passed;
        entry.failed += counts.failed;
        frameworks.set(framework, entry);
      }
    }
    fleet.passed += sum.passed;
    fleet.failed += sum.failed;
    const group = groups.get(agent.group_name) ?? { passed: 0, failed: 0, hosts: 0 };
    group.passed += sum.passed;
    group.failed += sum.failed;
    group.hosts += 1;
    groups.set(agent.group_name, group);
    const lastRunAt = entries.reduce<string | null>(
      (latest, entry) => (latest === null || entry.lastRunAt > latest ? entry.lastRunAt : latest),
      null,
    );
    return {
      agentId: agent.id,
      hostname: agent.hostname,
      group: agent.group_name,
      score: auditScore(sum.passed, sum.failed),
      ...sum,
      lastRunAt,
    };
  });

  return {
    fleetScore: auditScore(fleet.passed, fleet.failed),
    hosts: hostRows,
    policies: policies.map((policy) => {
      const list = byPolicy.get(policy.id) ?? [];
      const passed = list.reduce((total, tally) => total + tally.passed, 0);
      const failed = list.reduce((total, tally) => total + tally.failed, 0);
      return {
        id: policy.id,
        name: policy.name,
        score: auditScore(passed, failed),
        hosts: list.length,
        failed,
      };
    }),
    groups: [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, sum]) => ({ group, score: auditScore(sum.passed, sum.failed), hosts: sum.hosts })),
    frameworks: [...frameworks]
      .filter(([, sum]) => sum.passed + sum.failed > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([framework, sum]) => ({ framework, score: auditScore(sum.passed, sum.failed), ...sum })),
  };
}
