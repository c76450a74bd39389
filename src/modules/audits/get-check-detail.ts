import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { AuditCheckDetail } from '../../protocol/audits-api.ts';
import type { ScaResult, ScaRuleOutcome } from '../../protocol/sca.ts';
import type { DB } from '../../store/schema.ts';
import { activeWaivers, waiversFor } from './active-waivers.ts';
import { requirePolicy } from './find-policy.ts';
import { requireHost } from './find-host.ts';
import { policyVersion } from './policy-version.ts';
import { toWaiver } from './to-waiver.ts';

/** History entries shown; runs beyond audit.keepRuns are gone anyway. */
const historyLimit = 200;

/**
 * One check on one host: its text (from the policy's current version, or the latest version
 * that ran which still has it), the waivers covering it there, and its result in each stored
 * run, newest first, with the evidence.
 */
export async function getCheckDetail(
  db: Kysely<DB>,
  agentId: string,
  policyId: string,
  checkId: number,
  now: Date,
): Promise<AuditCheckDetail> {
  const host = await requireHost(db, agentId);
  const row = await requirePolicy(db, policyId);
  const history = await db
    .selectFrom('sca_runs as r')
    .innerJoin('sca_results as s', 's.run_id', 'r.id')
    .select(['r.started_at', 'r.sha256', 's.result', 's.reason', 's.rules'])
    .where('r.agent_id', '=', host.id)
    .where('r.policy_id', '=', policyId)
    .where('s.check_id', '=', checkId)
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(historyLimit)
    .execute();
  let check = (await policyVersion(db, row.sha256))?.checks.find((candidate) => candidate.id === checkId);
  for (const entry of history) {
    if (check) break;
    check = (await policyVersion(db, entry.sha256))?.checks.find((candidate) => candidate.id === checkId);
  }
  if (!check) throw new AppError('not_found', `policy ${policyId} has no check ${checkId}`);
  const waivers = waiversFor(await activeWaivers(db, now, policyId), host, policyId).get(checkId) ?? [];
  return {
    check: {
      id: check.id,
      name: check.name,
      description: check.description,
      rationale: check.rationale,
      impact: check.impact,
      remediation: check.remediation,
      references: check.references,
      compliance: check.compliance,
      mitre: check.mitre,
      severity: check.severity,
      condition: check.condition,
      rules: check.rules,
    },
    waivers: waivers.map((waiver) => toWaiver(waiver.row, now, check.name)),
    history: history.map((entry) => ({
      runAt: entry.started_at,
      sha256: entry.sha256,
      result: entry.result as ScaResult,
      reason: entry.reason,
      rules: JSON.parse(entry.rules) as ScaRuleOutcome[],
    })),
  };
}
