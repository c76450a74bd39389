import type { Kysely } from 'kysely';
import type { ScaPolicy, ScaPolicyRun, ScaResult, ScaRuleOutcome } from '../../protocol/sca.ts';
import type { DB, ScaRunRow } from '../../store/schema.ts';
import { auditScore } from '../sca/audit-score.ts';
import { parseAuditPolicy } from './parse-audit-policy.ts';
import { policyVersion } from './policy-version.ts';

/** A stored run as the engine made it, with the policy version it ran, for the reports. */
export async function storedRun(
  db: Kysely<DB>,
  run: ScaRunRow & { name: string },
): Promise<{ policy: ScaPolicy; run: ScaPolicyRun }> {
  const rows = await db
    .selectFrom('sca_results')
    .selectAll()
    .where('run_id', '=', run.id)
    .orderBy('check_id')
    .execute();
  let policy = await policyVersion(db, run.sha256);
  if (!policy) {
    // Versions go only with their policy, so this is a damaged database; show the run against the current text.
    const current = await db
      .selectFrom('sca_policies')
      .select('source')
      .where('id', '=', run.policy_id)
      .executeTakeFirstOrThrow();
    policy = parseAuditPolicy(current.source);
  }
  // The report shows checks in the policy's own order.
  const order = new Map(policy.checks.map((check, index) => [check.id, index]));
  rows.sort(
    (a, b) => (order.get(a.check_id) ?? 1e9) - (order.get(b.check_id) ?? 1e9) || a.check_id - b.check_id,
  );
  return {
    policy,
    run: {
      policyId: run.policy_id,
      policyName: run.name,
      sha256: run.sha256,
      applicable: run.applicable === 1,
      requirements: JSON.parse(run.requirements) as ScaRuleOutcome[],
      results: rows.map((row) => ({
        policyId: run.policy_id,
        checkId: row.check_id,
        name: row.name,
        result: row.result as ScaResult,
        reason: row.reason ?? undefined,
        severity: row.severity as ScaPolicyRun['results'][number]['severity'],
        condition: row.condition as ScaPolicyRun['results'][number]['condition'],
        rules: JSON.parse(row.rules) as ScaRuleOutcome[],
      })),
      startedAt: run.started_at,
      durationMs: run.duration_ms,
      score: auditScore(run.passed, run.failed),
      counts: { passed: run.passed, failed: run.failed, not_applicable: run.not_applicable },
    },
  };
}
