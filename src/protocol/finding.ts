import type { SecurityEvent } from './security-event.ts';

/* What the detection engine hands to alerting: one rule firing for one set of entities. */

export const severities = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export interface FindingEntities {
  srcIp?: string;
  user?: string;
  host?: string;
}

export interface Finding {
  rule: {
    id: string;
    title: string;
    severity: Severity;
    /** ATT&CK technique ids (`T1110.001`) and tactic names (`credential-access`) from the rule's tags. */
    attack: string[];
    tags: string[];
    /** `detection` for single-event rules, `correlation` for Sigma correlation rules. */
    type: 'detection' | 'correlation';
  };
  entities: FindingEntities;
  /** Log time of the first and last event that made the rule fire, epoch ms. */
  firstSeen: number;
  lastSeen: number;
  /** Events behind this firing (a correlation's whole group). */
  count: number;
  /** The events themselves, newest last, capped so one alert stays small. */
  evidence: SecurityEvent[];
}

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return severities.indexOf(severity) >= severities.indexOf(threshold);
}

/** OCSF's severity_id: 1 Informational … 5 Critical, the order of `severities`. */
export function severityId(severity: Severity): number {
  return severities.indexOf(severity) + 1;
}
