import type { ScaCondition, ScaRuleOutcome } from '../../protocol/sca.ts';

/**
 * The rules that made a check fail: under `all` those that do not hold, under `none` those that
 * do (a rule that holds is the bad news there), under `any` all of them (none held). Every rule
 * when that picks none, so there is always evidence to show.
 */
export function decidingRules(condition: ScaCondition, rules: readonly ScaRuleOutcome[]): ScaRuleOutcome[] {
  const picked =
    condition === 'all'
      ? rules.filter((rule) => rule.verdict === 'failed')
      : condition === 'none'
        ? rules.filter((rule) => rule.verdict === 'passed')
        : [...rules];
  return picked.length > 0 ? picked : [...rules];
}
