import type { Severity } from '../../protocol/finding.ts';
import { sarifSecuritySeverity } from '../../protocol/sarif.ts';

export interface RiskInput {
  /** CVSS base score 0–10, or null when no advisory gives a vector Vigil can score. */
  cvss: number | null;
  /** Stands in for the score when there is no CVSS: the same representative score SARIF gives it. */
  severity: Severity;
  /** EPSS probability 0–1, or null when the CVE is not in the EPSS file. */
  epss: number | null;
  /** In CISA's Known Exploited Vulnerabilities catalog. */
  kev: boolean;
  fixAvailable: boolean;
}

/**
 * The 0–100 risk score (docs/vulnerability-risk.md):
 *
 *   risk = min(100, round₁(4 × cvss + 15 × epss + 45 × kev) + 0.05 × fix)
 *
 * CVSS gives up to 40, EPSS up to 15, and KEV 45, more than the whole spread of CVSS within one
 * severity band plus all of EPSS, so a known-exploited vulnerability ranks above every unexploited
 * one of its severity. A fix adds half a rounding step: it orders findings that are otherwise
 * equal and never passes one that is not.
 */
export function riskScore(input: RiskInput): number {
  const base = input.cvss ?? Number(sarifSecuritySeverity[input.severity]);
  const main =
    Math.round((4 * clamp(base, 10) + 15 * clamp(input.epss ?? 0, 1) + (input.kev ? 45 : 0)) * 10) / 10;
  return Math.min(100, input.fixAvailable ? Math.round((main + 0.05) * 100) / 100 : main);
}

function clamp(value: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(0, value)) : 0;
}
