import type { ScaCheckResult, ScaPolicy } from '../../protocol/sca.ts';

export type FrameworkCounts = Record<string, { passed: number; failed: number }>;

/** Passed and failed checks per compliance framework the policy maps them to; not applicable ones count nowhere. */
export function frameworkCounts(
  policy: ScaPolicy | undefined,
  results: readonly Pick<ScaCheckResult, 'checkId' | 'result'>[],
): FrameworkCounts {
  const counts: FrameworkCounts = {};
  const checks = new Map(policy?.checks.map((check) => [check.id, check]));
  for (const result of results) {
    if (result.result === 'not_applicable') continue;
    for (const framework of Object.keys(checks.get(result.checkId)?.compliance ?? {})) {
      const entry = (counts[framework] ??= { passed: 0, failed: 0 });
      entry[result.result] += 1;
    }
  }
  return counts;
}
