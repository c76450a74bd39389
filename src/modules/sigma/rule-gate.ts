import type { LiteralSource } from './literal-prefilter.ts';
import type { Matcher } from './match-context.ts';
import type { CheckList } from './text-checks.ts';

/*
 * A rule's gate is a set of clauses, each a set of literals of which at least one must occur in
 * the event for the rule to match: an event that leaves a clause without any skips the rule
 * without running its matcher. Gates are derived alongside the matcher and must be sound: a
 * gate may let a rule run that then fails, never keep out one that matches. An AND keeps the
 * clauses of all its items; an OR needs one clause per item, merged into one. Whatever cannot be
 * bounded by a literal (negation, `neq`, `null`, numbers, CIDR, `exists`, fieldref, a regex
 * without an anchor) has no gate, and a rule without one always runs.
 */

/** A literal of one source, looked for in the source's field or, for keyword searches, the keyword message. */
export interface GateLiteral {
  readonly source: LiteralSource;
  /** Read from MatchContext.keywordMessage rather than the source's field. */
  readonly keywordMessage: boolean;
  readonly id: number;
}

/** Literals one of which must occur (none: the item cannot match at all). */
export type GateClause = readonly GateLiteral[];

/** Clauses that must all hold; undefined when there is no gate. */
export type Gate = readonly GateClause[] | undefined;

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
  return [list.literals.map((id) => ({ source, keywordMessage, id }))];
}

/** Every item must match: so must the clauses of every item that has a gate. */
export function gateAll(gates: readonly Gate[]): Gate {
  const clauses = gates.flatMap((gate) => gate ?? []);
  return clauses.length === 0 ? undefined : clauses;
}

/**
 * Any item may match: each must have a gate, and one clause of each (the one least likely to
 * hold, which only affects speed) holds for whichever matched, so their union must hold.
 */
export function gateAny(gates: readonly Gate[]): Gate {
  if (gates.length === 1) return gates[0];
  const chosen: GateLiteral[] = [];
  for (const gate of gates) {
    if (gate === undefined) return undefined;
    const clause = rarest(gate);
    if (clause !== undefined) chosen.push(...clause);
  }
  return [chosen];
}

const rarest = (gate: readonly GateClause[]): GateClause | undefined => checkedClauses(gate)[0];

/**
 * The clauses worth checking per event: the two least likely to hold, the second only if its
 * literals are longer than one character. Checking fewer is still sound, and each clause left
 * out is a text that need not be read (a `class_uid` that nearly every event of the logsource
 * has) or a `:` found in every line.
 */
export function checkedClauses(gate: readonly GateClause[]): GateClause[] {
  return gate
    .map((clause) => ({ clause, score: selectivity(clause) }))
    .sort((a, b) => b.score - a.score)
    .filter(({ score }, rank) => rank === 0 || (rank === 1 && score >= 2))
    .map(({ clause }) => clause);
}

/*
 * A guess at how rarely a clause holds: short literals (`:`, `0`) occur in most lines, and more
 * alternatives hold more often.
 */
function selectivity(clause: GateClause): number {
  if (clause.length === 0) return Infinity;
  const shortest = Math.min(...clause.map(({ source, id }) => source.literalOf(id).length));
  return Math.min(shortest, 8) - clause.length / 1000;
}
