import type {
  ScaCheck,
  ScaCheckResult,
  ScaCondition,
  ScaPolicy,
  ScaPolicyRun,
  ScaResult,
  ScaRuleOutcome,
} from '../../protocol/sca.ts';
import { auditScore } from './audit-score.ts';
import { combineRules } from './combine-rules.ts';
import { evaluateRule } from './evaluate-rule.ts';
import { parseRule, ScaRuleError } from './parse-rule.ts';
import type { ScaDialect } from './sca-dialect.ts';
import type { ScaHost } from './sca-host.ts';

export interface RunPolicyOptions {
  /** Checks evaluated at once; commands dominate, and most are cached after their first run. */
  concurrency?: number;
  /** Called after each check, for a progress display. */
  onCheck?: (done: number, total: number) => void;
  now?: () => Date;
}

/**
 * Runs a policy's requirements, then its checks. A host that fails the requirements gets every
 * check as not applicable with that reason, rather than a wall of failures for a policy that
 * was never meant for it.
 */
export async function runPolicy(
  policy: ScaPolicy,
  host: ScaHost,
  options: RunPolicyOptions = {},
): Promise<ScaPolicyRun> {
  const started = (options.now ?? (() => new Date()))();
  const clock = performance.now();
  const requirements = policy.requirements
    ? await evaluateRules(
        policy,
        policy.requirements.rules,
        { format: policy.format, regex: policy.regex },
        host,
      )
    : [];
  const requirementsResult = policy.requirements
    ? combineRules(
        policy.requirements.condition,
        requirements.map((outcome) => outcome.verdict),
      )
    : 'passed';
  const applicable = requirementsResult === 'passed';
  const notMet = `the host does not meet the policy's requirements (${policy.requirements?.name ?? ''})`;

  const results: ScaCheckResult[] = new Array<ScaCheckResult>(policy.checks.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < policy.checks.length) {
      const index = next;
      next += 1;
      const check = policy.checks[index] as ScaCheck;
      results[index] = applicable
        ? await runCheck(policy, check, host)
        : checkResult(policy, check, 'not_applicable', notMet, []);
      done += 1;
      options.onCheck?.(done, policy.checks.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));

  const counts: Record<ScaResult, number> = { passed: 0, failed: 0, not_applicable: 0 };
  for (const result of results) counts[result.result] += 1;
  return {
    policyId: policy.id,
    policyName: policy.name,
    sha256: policy.sha256,
    applicable,
    requirements,
    results,
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - clock),
    score: auditScore(counts.passed, counts.failed),
    counts,
  };
}

async function runCheck(policy: ScaPolicy, check: ScaCheck, host: ScaHost): Promise<ScaCheckResult> {
  const outcomes = await evaluateRules(
    policy,
    check.rules,
    { format: policy.format, regex: check.regex },
    host,
  );
  const result = combineRules(
    check.condition,
    outcomes.map((outcome) => outcome.verdict),
  );
  const reason = result === 'not_applicable' ? notApplicableReason(check.condition, outcomes) : undefined;
  return checkResult(policy, check, result, reason, outcomes);
}

async function evaluateRules(
  policy: ScaPolicy,
  rules: readonly string[],
  dialect: ScaDialect,
  host: ScaHost,
): Promise<ScaRuleOutcome[]> {
  return Promise.all(
    rules.map(async (text): Promise<ScaRuleOutcome> => {
      try {
        return await evaluateRule(parseRule(text, dialect, policy.variables), host);
      } catch (error) {
        if (!(error instanceof ScaRuleError)) throw error;
        return {
          rule: text,
          state: 'invalid',
          verdict: 'not_applicable',
          evidence: `invalid rule: ${error.message}`,
        };
      }
    }),
  );
}

function notApplicableReason(condition: ScaCondition, outcomes: readonly ScaRuleOutcome[]): string {
  const invalid = outcomes.filter((outcome) => outcome.state === 'invalid');
  const first = invalid[0];
  const more = invalid.length > 1 ? ` (and ${invalid.length - 1} more rules)` : '';
  return `with condition ${condition}, the result depends on a rule that could not be evaluated: ${first?.evidence ?? ''}${more}`;
}

function checkResult(
  policy: ScaPolicy,
  check: ScaCheck,
  result: ScaResult,
  reason: string | undefined,
  rules: ScaRuleOutcome[],
): ScaCheckResult {
  return {
    policyId: policy.id,
    checkId: check.id,
    name: check.name,
    result,
    reason,
    severity: check.severity,
    condition: check.condition,
    rules,
  };
}
