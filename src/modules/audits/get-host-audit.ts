import type { Kysely } from 'kysely';
import type { AuditHost, AuditHostResult } from '../../protocol/audits-api.ts';
import type { ScaResult } from '../../protocol/sca.ts';
import type { DB } from '../../store/schema.ts';
import { activeWaivers, waiversFor } from './active-waivers.ts';
import { auditScore } from '../sca/audit-score.ts';
import { requireHost } from './find-host.ts';
import { latestRunsOfHost } from './latest-runs-of-host.ts';

const results = new Set<string>(['passed', 'failed', 'not_applicable']);

/** A host's latest run of each policy with every check's result, waived ones marked and not counted. */
export async function getHostAudit(db: Kysely<DB>, agentId: string, now: Date): Promise<AuditHost> {
  const host = await requireHost(db, agentId);
  const runs = await latestRunsOfHost(db, host.id);
  const waivers = await activeWaivers(db, now);
  const total = { passed: 0, failed: 0 };
  const policies: AuditHost['policies'] = [];
  for (const run of runs) {
    const waived = waiversFor(waivers, host, run.policy_id);
    const rows = await db
      .selectFrom('sca_results')
      .select(['check_id', 'name', 'result', 'severity', 'reason'])
      .where('run_id', '=', run.id)
      .orderBy('check_id')
      .execute();
    const counts = { passed: 0, failed: 0, not_applicable: 0, waived: 0 };
    const list: AuditHostResult[] = rows.map((row) => {
      const result = (results.has(row.result) ? row.result : 'not_applicable') as ScaResult;
      const isWaived = waived.has(row.check_id);
      if (isWaived) counts.waived += 1;
      else counts[result] += 1;
      return {
        checkId: row.check_id,
        name: row.name,
        result,
        severity: row.severity as AuditHostResult['severity'],
        reason: row.reason,
        waived: isWaived,
      };
    });
    total.passed += counts.passed;
    total.failed += counts.failed;
    policies.push({
      id: run.policy_id,
      name: run.name,
      score: auditScore(counts.passed, counts.failed),
      runAt: run.started_at,
      applicable: run.applicable === 1,
      counts,
      results: list,
    });
  }
  return {
    agentId: host.id,
    hostname: host.hostname,
    group: host.group,
    score: auditScore(total.passed, total.failed),
    policies,
  };
}
