import type { ScaResult, ScaRuleOutcome } from '../../../../src/protocol/sca.ts';

// Records and local arrays rather than the protocol's: sca.ts imports zod, which the bundle must not pull in.
export const results: readonly ScaResult[] = ['failed', 'passed', 'not_applicable'];

export const resultLabels: Record<ScaResult, string> = {
  passed: 'Passed',
  failed: 'Failed',
  not_applicable: 'Not applicable',
};

/** A rule's state, before a leading `not` turns it into the verdict. */
export const ruleStateLabels: Record<ScaRuleOutcome['state'], string> = {
  found: 'Found',
  not_found: 'Not found',
  invalid: 'Could not be evaluated',
};

/** The compliance keys policies use (normalized by the server), as auditors know them. */
const frameworkNames: Record<string, string> = {
  pci_dss: 'PCI DSS',
  nist_800_53: 'NIST SP 800-53',
  nist_800_171: 'NIST SP 800-171',
  iso_27001: 'ISO/IEC 27001',
  cis: 'CIS Benchmarks',
  cis_csc: 'CIS Controls',
  hipaa: 'HIPAA',
  gdpr: 'GDPR',
  tsc: 'SOC 2 (TSC)',
  nis2: 'NIS2',
  cmmc: 'CMMC',
  fedramp: 'FedRAMP',
};

export const frameworkName = (key: string) => frameworkNames[key] ?? key;

const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** `87.5%`; null (nothing applicable, or not audited yet) is a dash. */
export const formatScore = (score: number | null) => (score === null ? '—' : `${percent.format(score)}%`);

export type ScoreTone = 'good' | 'fair' | 'poor' | 'none';

/** How a score reads at a glance: 80 % and up is good, under 50 % poor. The number is always shown too. */
export function scoreTone(score: number | null): ScoreTone {
  if (score === null) return 'none';
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}
