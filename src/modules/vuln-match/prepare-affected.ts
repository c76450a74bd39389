/*
 * One `affected[]` entry made ready for many evaluations: range events sorted once with the
 * right order, feed versions checked once, so matching only compares the installed version.
 * The evaluation is the OSV schema's (docs/schema.md, "Evaluation"), kept to the letter.
 */
import { compareSemver } from '../vuln/semver-version.ts';
import type { Compare } from './ecosystem-keys.ts';
import type { AdvisoryAffected, FixState, OsvEvent } from '../../protocol/vuln.ts';

interface RangeEvent {
  kind: 'introduced' | 'fixed' | 'last_affected';
  version: string;
}

export interface PreparedRange {
  compare: Compare;
  /** Sorted by version, `introduced: "0"` first; limits are kept apart. */
  events: RangeEvent[];
  /** Null when no limit applies: none given, or one containing "*" (infinity). */
  limits: string[] | null;
}

export interface PreparedAffected {
  ranges: PreparedRange[];
  versions: ReadonlySet<string>;
  /** The tracker's verdict when it needs no comparison, made once. */
  trackerVerdict: Verdict | null;
  /** A tracker's first fixed version: affected below it, with this verdict. */
  trackerFix: { version: string; verdict: Verdict } | null;
  /** The ecosystem's order; null when Vigil has none. */
  compare: Compare | null;
  /** Why a range or the tracker's version was left out (a version its order refuses). */
  problems: Error[];
}

/**
 * What one entry says of one installed version. `not-affected` is a tracker's verdict that the
 * release never had the flaw; `clear` only that this version is outside the affected ones.
 */
export type Verdict =
  | { kind: 'not-affected' }
  | { kind: 'clear' }
  | {
      kind: 'affected';
      fixState: FixState;
      /** The version to upgrade to; null when no fix is known. */
      fixed: string | null;
      /** The order `fixed` is in, to pick the highest of several. */
      fixCompare: Compare | null;
      reason: string | null;
    };

const clear: Verdict = { kind: 'clear' };
const noVersions: ReadonlySet<string> = new Set();
const notAffected: Verdict = { kind: 'not-affected' };

// At equal versions `introduced` goes first: then [x, x) is empty and `last_affected: x` after
// `introduced: x` still leaves x affected, as the pseudo-code reads.
const tieOrder = { introduced: 0, last_affected: 1, fixed: 2 } as const;

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function isZero(event: RangeEvent): boolean {
  return event.kind === 'introduced' && event.version === '0';
}

function prepareRange(events: readonly OsvEvent[], compare: Compare): PreparedRange {
  const sorted: RangeEvent[] = [];
  let limits: string[] | null = [];
  for (const event of events) {
    if ('limit' in event) {
      if (event.limit.includes('*')) limits = null;
      else {
        compare(event.limit, event.limit);
        limits?.push(event.limit);
      }
    } else {
      const next: RangeEvent =
        'introduced' in event
          ? { kind: 'introduced', version: event.introduced }
          : 'fixed' in event
            ? { kind: 'fixed', version: event.fixed }
            : { kind: 'last_affected', version: event.last_affected };
      // Comparing a version with itself is how each order validates it.
      if (!isZero(next)) compare(next.version, next.version);
      sorted.push(next);
    }
  }
  sorted.sort((a, b) => {
    if (isZero(a) || isZero(b)) return (isZero(a) ? 0 : 1) - (isZero(b) ? 0 : 1);
    return compare(a.version, b.version) || tieOrder[a.kind] - tieOrder[b.kind];
  });
  return { compare, events: sorted, limits: limits?.length === 0 ? null : limits };
}

/**
 * Sorts and checks an entry's ranges. SEMVER ranges use SemVer 2.0 whatever the ecosystem;
 * ECOSYSTEM ranges the ecosystem's order, and are left out when Vigil has none; GIT ranges
 * name commits, which installed packages do not have, so only the `versions` list can say.
 */
export function prepareAffected(affected: AdvisoryAffected, compare: Compare | null): PreparedAffected {
  const prepared: PreparedAffected = {
    ranges: [],
    versions: affected.versions.length === 0 ? noVersions : new Set(affected.versions),
    trackerVerdict: null,
    trackerFix: null,
    compare,
    problems: [],
  };
  for (const range of affected.ranges) {
    const order = range.type === 'SEMVER' ? compareSemver : range.type === 'ECOSYSTEM' ? compare : null;
    if (order === null) continue;
    try {
      prepared.ranges.push(prepareRange(range.events, order));
    } catch (error) {
      prepared.problems.push(toError(error));
    }
  }
  const { tracker } = affected;
  if (tracker === undefined) return prepared;
  if (tracker.state === 'not-affected') prepared.trackerVerdict = notAffected;
  else if (tracker.state !== 'fixed') {
    prepared.trackerVerdict = {
      kind: 'affected',
      fixState: tracker.state,
      fixed: null,
      fixCompare: null,
      reason: tracker.reason ?? null,
    };
  } else if (tracker.fixed !== undefined) {
    // A fixed state without a version says too little: the ranges decide.
    try {
      if (compare === null) throw new Error(`no version order for ${affected.ecosystem}`);
      compare(tracker.fixed, tracker.fixed);
      const verdict: Verdict = {
        kind: 'affected',
        fixState: 'fixed',
        fixed: tracker.fixed,
        fixCompare: compare,
        reason: null,
      };
      prepared.trackerFix = { version: tracker.fixed, verdict };
    } catch (error) {
      prepared.problems.push(toError(error));
    }
  }
  return prepared;
}

interface RangeResult {
  affected: boolean;
  fixed: string | null;
}

const outside: RangeResult = { affected: false, fixed: null };

/** IncludedInRanges for one range, with the first `fixed` after the version when it is affected. */
function evaluateRange(version: string, range: PreparedRange): RangeResult {
  const { compare, events, limits } = range;
  if (limits !== null && !limits.some((limit) => compare(version, limit) < 0)) return outside;
  let vulnerable = false;
  let next = events.length;
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i] as RangeEvent;
    if (isZero(event)) {
      vulnerable = true;
      continue;
    }
    const order = compare(version, event.version);
    // Events are sorted, so none from here on applies to this version.
    if (order < 0) {
      next = i;
      break;
    }
    if (event.kind === 'introduced') vulnerable = true;
    else if (event.kind === 'fixed' || order > 0) vulnerable = false;
  }
  if (!vulnerable) return outside;
  for (let i = next; i < events.length; i += 1) {
    const event = events[i] as RangeEvent;
    if (event.kind === 'fixed') return { affected: true, fixed: event.version };
  }
  return { affected: true, fixed: null };
}

/**
 * What an entry says of an installed version. A tracker state decides when present:
 * not-affected is a veto, fixed means affected below the fixed version, the other states mean
 * affected (a `fixed` state without a version falls back to the ranges). Otherwise the version
 * is affected when the `versions` list holds it (exactly, as the schema compares) or a range
 * includes it. The fix is the highest first-fixed version of the including ranges, none if
 * one of them has no fix. Throws what the order throws for an invalid installed version.
 */
export function evaluateAffected(version: string, prepared: PreparedAffected): Verdict {
  const { trackerVerdict, trackerFix, compare } = prepared;
  if (trackerVerdict !== null) return trackerVerdict;
  if (trackerFix !== null && compare !== null) {
    return compare(version, trackerFix.version) < 0 ? trackerFix.verdict : clear;
  }
  let affected = prepared.versions.has(version);
  let inRange = false;
  let unbounded = false;
  let fixed: string | null = null;
  let fixCompare: Compare | null = null;
  for (const range of prepared.ranges) {
    const result = evaluateRange(version, range);
    if (!result.affected) continue;
    affected = true;
    inRange = true;
    if (result.fixed === null) unbounded = true;
    else if (fixed === null || range.compare(result.fixed, fixed) > 0) {
      fixed = result.fixed;
      fixCompare = range.compare;
    }
  }
  if (!affected) return clear;
  if (!inRange || unbounded || fixed === null) {
    return { kind: 'affected', fixState: 'unfixed', fixed: null, fixCompare: null, reason: null };
  }
  return { kind: 'affected', fixState: 'fixed', fixed, fixCompare, reason: null };
}
