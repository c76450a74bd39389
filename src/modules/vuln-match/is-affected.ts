import { evaluateAffected, prepareAffected } from './prepare-affected.ts';
import type { AdvisoryAffected } from '../../protocol/vuln.ts';

/**
 * Whether `version` of the entry's package is affected, by the OSV schema's evaluation
 * (prepare-affected.ts), or by the entry's tracker state when it has one. `compare` is the
 * ecosystem's order, used for ECOSYSTEM ranges and the tracker's fixed version; SEMVER ranges
 * always use SemVer 2.0. Throws the order's error when the version, or a version in the entry,
 * is one the order refuses (matchPackages instead skips and reports those).
 */
export function isAffected(
  version: string,
  affected: AdvisoryAffected,
  compare: (a: string, b: string) => number,
): boolean {
  const prepared = prepareAffected(affected, compare);
  const [problem] = prepared.problems;
  if (problem !== undefined) throw problem;
  return evaluateAffected(version, prepared).kind === 'affected';
}
