import type { ScaCondition, ScaResult } from '../../protocol/sca.ts';

/**
 * A check's result from its rules' verdicts, per the format's condition table: `all` fails on
 * any failure, `any` passes on any pass, `none` fails on any pass; otherwise a rule that could
 * not be evaluated makes the check not applicable.
 */
export function combineRules(condition: ScaCondition, verdicts: readonly ScaResult[]): ScaResult {
  const has = (verdict: ScaResult) => verdicts.includes(verdict);
  const unknown = has('not_applicable');
  switch (condition) {
    case 'all':
      if (has('failed')) return 'failed';
      return unknown ? 'not_applicable' : 'passed';
    case 'any':
      if (has('passed')) return 'passed';
      return unknown ? 'not_applicable' : 'failed';
    case 'none':
      if (has('passed')) return 'failed';
      return unknown ? 'not_applicable' : 'passed';
  }
}
