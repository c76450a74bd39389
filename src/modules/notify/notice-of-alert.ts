import type { Alert } from '../../protocol/alerts.ts';
import type { Finding } from '../../protocol/finding.ts';
import type { AlertNotice } from './alert-notice.ts';

/** The notice for an alert that was just created or updated by `finding`. */
export function noticeOfAlert(
  outcome: 'created' | 'updated',
  alert: Alert,
  finding: Finding,
  consoleUrl: string | undefined,
): AlertNotice {
  return {
    alertId: alert.id,
    outcome,
    rule: finding.rule,
    entities: finding.entities,
    count: alert.count,
    firstSeen: alert.finding_info.first_seen_time,
    lastSeen: alert.finding_info.last_seen_time,
    url: consoleUrl ? `${consoleUrl.replace(/\/$/, '')}/#/alerts/${encodeURIComponent(alert.id)}` : undefined,
    evidence: finding.evidence.map((event) => event.raw_data),
  };
}
