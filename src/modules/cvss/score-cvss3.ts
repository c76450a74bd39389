/*
 * CVSS v3.0 and v3.1 base, temporal and environmental scores, with the formulas and weights of
 * the FIRST specifications (v3.1 section 7 and appendix A; v3.0 section 8). The two versions
 * differ in one formula only, the environmental impact for a changed (modified) scope, and in
 * how they define Roundup, which gives the same scores (see below).
 */
import type { CvssVersion } from './cvss-metrics.ts';

export interface Cvss3Scores {
  base: number;
  temporal: number;
  environmental: number;
}

type Weights = Readonly<Record<string, number>>;

const attackVector: Weights = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const attackComplexity: Weights = { L: 0.77, H: 0.44 };
const privilegesUnchanged: Weights = { N: 0.85, L: 0.62, H: 0.27 };
/** A changed scope makes needing privileges matter less. */
const privilegesChanged: Weights = { N: 0.85, L: 0.68, H: 0.5 };
const userInteraction: Weights = { N: 0.85, R: 0.62 };
const impact: Weights = { H: 0.56, L: 0.22, N: 0 };
const exploitMaturity: Weights = { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 };
const remediationLevel: Weights = { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 };
const reportConfidence: Weights = { X: 1, C: 1, R: 0.96, U: 0.92 };
const requirement: Weights = { X: 1, H: 1.5, M: 1, L: 0.5 };

/**
 * Roundup, the smallest one-decimal number at or above the input, computed as v3.1 appendix A
 * does: on an integer, so binary noise such as 5.0 × 0.92 = 4.6000000000000005 does not round up
 * to 4.7. v3.0 defines Roundup as the plain ceiling of the exact value, and gets it from this same
 * function: over every possible v3 vector, no exact value lies less than 0.00002 above a tenth,
 * so rounding to five decimals first never changes the result (checked by enumerating them all),
 * whereas a float ceiling misscores vectors such as the one above.
 */
function roundup(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

function weight(weights: Weights, value: string): number {
  const found = weights[value];
  // The parser only lets through values these tables define, so a miss is a programming error.
  if (found === undefined) throw new Error(`no CVSS v3 weight for value ${value}`);
  return found;
}

/** 8.22 × AV × AC × PR × UI, with the privileges weight of the scope in force. */
function exploitability(value: (metric: string) => string, scopeChanged: boolean): number {
  return (
    8.22 *
    weight(attackVector, value('AV')) *
    weight(attackComplexity, value('AC')) *
    weight(scopeChanged ? privilegesChanged : privilegesUnchanged, value('PR')) *
    weight(userInteraction, value('UI'))
  );
}

/** Impact and exploitability combined, capped at 10 and rounded up; 0 without impact. */
function combined(impactScore: number, exploitabilityScore: number, scopeChanged: boolean): number {
  if (impactScore <= 0) return 0;
  return roundup(Math.min((scopeChanged ? 1.08 : 1) * (impactScore + exploitabilityScore), 10));
}

export function scoreCvss3(
  version: Exclude<CvssVersion, '4.0'>,
  metrics: ReadonlyMap<string, string>,
): Cvss3Scores {
  const stated = (metric: string): string => metrics.get(metric) ?? 'X';
  // A modified metric left out or X takes the base metric's value.
  const modified = (metric: string): string => {
    const value = stated(`M${metric}`);
    return value === 'X' ? stated(metric) : value;
  };
  // Left to right, as the specification writes it: binary rounding depends on the order.
  const withTemporal = (score: number): number =>
    roundup(
      score *
        weight(exploitMaturity, stated('E')) *
        weight(remediationLevel, stated('RL')) *
        weight(reportConfidence, stated('RC')),
    );

  const scopeChanged = stated('S') === 'C';
  const iss =
    1 -
    (1 - weight(impact, stated('C'))) * (1 - weight(impact, stated('I'))) * (1 - weight(impact, stated('A')));
  const baseImpact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const base = combined(baseImpact, exploitability(stated, scopeChanged), scopeChanged);

  const modifiedScopeChanged = modified('S') === 'C';
  const miss = Math.min(
    1 -
      (1 - weight(requirement, stated('CR')) * weight(impact, modified('C'))) *
        (1 - weight(requirement, stated('IR')) * weight(impact, modified('I'))) *
        (1 - weight(requirement, stated('AR')) * weight(impact, modified('A'))),
    0.915,
  );
  const changedImpact =
    version === '3.0'
      ? 7.52 * (miss - 0.029) - 3.25 * (miss - 0.02) ** 15
      : 7.52 * (miss - 0.029) - 3.25 * (miss * 0.9731 - 0.02) ** 13;
  const modifiedImpact = modifiedScopeChanged ? changedImpact : 6.42 * miss;
  const environmental = withTemporal(
    combined(modifiedImpact, exploitability(modified, modifiedScopeChanged), modifiedScopeChanged),
  );

  return { base, temporal: withTemporal(base), environmental };
}
