import type { Kysely } from 'kysely';
import type { Severity } from '../../protocol/finding.ts';
import type { ScaCondition, ScaRuleOutcome } from '../../protocol/sca.ts';
import type { DB } from '../../store/schema.ts';
import { renderFleetReport, type FleetFailedCheck } from '../sca/report-fleet-html.ts';
import { activeWaivers, waiversFor } from './active-waivers.ts';
import { decidingRules } from './deciding-rules.ts';
import { getAuditOverview } from './get-audit-overview.ts';
import { latestRuns } from './latest-runs.ts';
import { policyVersion } from './policy-version.ts';
import { reportWaivers } from './report-waivers.ts';

const chunk = 500;

/** The fleet report: the overview's scores, every check failing on some host with how to fix it, and the active waivers. */
export async function fleetReport(db: Kysely<DB>, now: Date, version: string): Promise<string> {
  const overview = await getAuditOverview(db, now);
  const agents = new Map(overview.hosts.map((host) => [host.agentId, host]));
  const runs = (await latestRuns(db)).filter((run) => agents.has(run.agent_id));
  const waivers = await activeWaivers(db, now);
  const auditedHosts = new Map<string, number>();
  for (const run of runs) auditedHosts.set(run.policy_id, (auditedHosts.get(run.policy_id) ?? 0) + 1);

  const failed = new Map<string, FleetFailedCheck>();
  const runsById = new Map(runs.map((run) => [run.id, run]));
  const ids = [...runsById.keys()];
  for (let at = 0; at < ids.length; at += chunk) {
    const rows = await db
      .selectFrom('sca_results')
      .select(['run_id', 'check_id', 'name', 'severity', 'condition', 'rules'])
      .where('run_id', 'in', ids.slice(at, at + chunk))
      .where('result', '=', 'failed')
      .execute();
    for (const row of rows) {
      const run = runsById.get(row.run_id);
      const host = run && agents.get(run.agent_id);
      if (!run || !host) continue;
      if (waiversFor(waivers, { id: host.agentId, group: host.group }, run.policy_id).has(row.check_id))
        continue;
      const key = `${run.policy_id}\n${row.check_id}`;
      let entry = failed.get(key);
      if (!entry) {
        const policy = await policyVersion(db, run.sha256);
        const check = policy?.checks.find((candidate) => candidate.id === row.check_id);
        entry = {
          policyId: run.policy_id,
          policyName: policy?.name ?? run.policy_id,
          checkId: row.check_id,
          name: row.name,
          severity: row.severity as Severity,
          rationale: check?.rationale ?? '',
          remediation: check?.remediation ?? '',
          compliance: check?.compliance ?? {},
          hosts: [],
          auditedHosts: auditedHosts.get(run.policy_id) ?? 0,
          example: {
            hostname: host.hostname,
            rules: decidingRules(row.condition as ScaCondition, JSON.parse(row.rules) as ScaRuleOutcome[]),
          },
        };
        failed.set(key, entry);
      }
      entry.hosts.push(host.hostname);
    }
  }
  for (const entry of failed.values()) entry.hosts.sort();

  const shas = new Map(
    (await db.selectFrom('sca_policies').select(['id', 'sha256']).execute()).map((row) => [
      row.id,
      row.sha256,
    ]),
  );
  return renderFleetReport({
    generatedAt: now,
    version,
    fleetScore: overview.fleetScore,
    hosts: overview.hosts,
    groups: overview.groups,
    policies: overview.policies.map((policy) => ({ ...policy, sha256: shas.get(policy.id) ?? '' })),
    failedChecks: [...failed.values()],
    frameworks: overview.frameworks,
    waivers: await reportWaivers(db, waivers),
  });
}
