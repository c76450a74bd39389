import type { LiteralSource } from './literal-prefilter.ts';
import type { Matcher } from './match-context.ts';
import type { CheckList } from './text-checks.ts';

/*
 * A rule's gate is a set of literals of which at least one must occur in the event for the rule
 * to match: an event without any of them skips the rule without running its matcher. Gates are
 * derived alongside the matcher and must be sound: a gate may let a rule run that then fails,
 * never keep out one that matches. Whatever cannot be bounded by a literal (negation, `neq`,
 * `null`, numbers, CIDR, `exists`, fieldref, a regex without an anchor) has no gate, and a rule
 * without one always runs.
 */

/** A literal of one source, looked for in the source's field or, for keyword searches, the keyword message. */
export interface GateLiteral {
  readonly source: LiteralSource;
  /** Read from MatchContext.keywordMessage rather than the source's field. */
  readonly keywordMessage: boolean;
  readonly id: number;
}

/** The alternatives, one of which must occur; undefined when there is no gate. */
export type Gate = readonly GateLiteral[] | undefined;

export interface GatedMatcher {
  readonly matches: Matcher;
  readonly gate: Gate;
}

/**
 * The gate of anyCheck over `list`: one of its literals, unless a check has none. An array
 * field is not scanned by anyCheck, so whoever opens gates must open those on an array.
 */
export function checksGate(source: LiteralSource, list: CheckList, keywordMessage: boolean): Gate {
  if (list.always.length > 0) return undefined;
  return list.literals.map((id) => ({ source, keywordMessage, id }));
}

/** Every item must match: any one item's gate will do, so the one least likely to open. */
export function gateAll(gates: readonly Gate[]): Gate {
  let best: Gate;
  let bestScore = -Infinity;
  for (const gate of gates) {
    if (gate === undefined) continue;
    const score = selectivity(gate);
    if (score > bestScore) {
      best = gate;
      bestScore = score;
    }
  }
  return best;
}

/** Any item may match: each must have a gate, and any of their literals opens it. */
export function gateAny(gates: readonly Gate[]): Gate {
  if (gates.some((gate) => gate === undefined)) return undefined;
  return (gates as (readonly GateLiteral[])[]).flat();
}

/*
 * A guess at how rarely a gate opens: short literals (`:`, `0`) occur in most lines, and more
 * alternatives open more often. The choice only affects speed.
 */
function selectivity(gate: readonly GateLiteral[]): number {
  if (gate.length === 0) return Infinity;
  const shortest = Math.min(...gate.map(({ source, id }) => source.literalOf(id).length));
  return Math.min(shortest, 8) - gate.length / 1000;
}
