import type { FindingEntities, Severity } from '../../protocol/finding.ts';
import { clipText } from './clip-text.ts';

/**
 * What notifications need to know about an alert, and nothing else: the alerts
 * module maps its alert to this, so channels never depend on how alerts are stored.
 */
export interface AlertNotice {
  alertId: string;
  /** `reopened`: a closed alert fired again. */
  outcome: 'created' | 'updated' | 'reopened';
  rule: {
    id: string;
    title: string;
    severity: Severity;
    tags: string[];
    /** ATT&CK technique ids (`T1110.001`) and tactic names (`credential-access`). */
    attack: string[];
  };
  entities: FindingEntities;
  /** Events behind the alert so far. */
  count: number;
  /** Log time of the first and the last event, epoch ms. */
  firstSeen: number;
  lastSeen: number;
  /** The alert in the web console. */
  url?: string | undefined;
  /** Raw log lines, oldest first. Attacker-controlled: every formatter escapes them for its medium. */
  evidence: string[];
}

/** Each channel shows at most this much evidence, so one alert stays one readable message. */
export const maxEvidenceLines = 20;
export const maxEvidenceLineChars = 2000;

/** The newest lines, each clipped: the latest activity is what a responder acts on. */
export function clippedEvidence(notice: AlertNotice): string[] {
  return notice.evidence.slice(-maxEvidenceLines).map((line) => clipText(line, maxEvidenceLineChars));
}
