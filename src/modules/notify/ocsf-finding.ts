import { severityId } from '../../protocol/finding.ts';
import { clippedEvidence, type AlertNotice } from './alert-notice.ts';
import { entitySummary } from './notice-summary.ts';

const technique = /^t\d{4}(\.\d{3})?$/i;

/**
 * The notice as an OCSF 1.3 Detection Finding (class 2004), the shape SIEMs
 * ingest natively. Raw lines go as they are: JSON encoding makes them data.
 */
export function ocsfFinding(notice: AlertNotice, product: { version: string }): Record<string, unknown> {
  const level = notice.rule.severity;
  const severity = { id: severityId(level), caption: `${level.charAt(0).toUpperCase()}${level.slice(1)}` };
  const activity = notice.outcome === 'created' ? { id: 1, name: 'Create' } : { id: 2, name: 'Update' };
  const { srcIp, user, host } = notice.entities;
  const entities = entitySummary(notice);
  return {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: 2004 * 100 + activity.id,
    type_name: `Detection Finding: ${activity.name}`,
    time: notice.lastSeen,
    severity_id: severity.id,
    severity: severity.caption,
    // An update says nothing of where people are with the alert, so only new and reopened alerts claim New.
    ...(notice.outcome === 'updated' ? {} : { status_id: 1, status: 'New' }),
    message: entities ? `${notice.rule.title}: ${entities}` : notice.rule.title,
    count: notice.count,
    metadata: {
      version: '1.3.0',
      product: { name: 'Vigil', vendor_name: 'Vigil', version: product.version },
      labels: notice.rule.tags,
    },
    finding_info: {
      uid: notice.alertId,
      title: notice.rule.title,
      first_seen_time: notice.firstSeen,
      last_seen_time: notice.lastSeen,
      analytic: { uid: notice.rule.id, name: notice.rule.title, type: 'Rule', type_id: 1 },
      ...(notice.url === undefined ? {} : { src_url: notice.url }),
    },
    attacks: notice.rule.attack.map((name) =>
      technique.test(name) ? { technique: { uid: name.toUpperCase() } } : { tactic: { name } },
    ),
    observables: [
      ...(srcIp === undefined
        ? []
        : [{ name: 'src_endpoint.ip', type_id: 2, type: 'IP Address', value: srcIp }]),
      ...(user === undefined ? [] : [{ name: 'user.name', type_id: 4, type: 'User Name', value: user }]),
      ...(host === undefined ? [] : [{ name: 'device.hostname', type_id: 1, type: 'Hostname', value: host }]),
    ],
    evidences: [
      {
        ...(srcIp === undefined ? {} : { src_endpoint: { ip: srcIp } }),
        ...(user === undefined ? {} : { user: { name: user } }),
        ...(host === undefined ? {} : { device: { hostname: host } }),
        data: { raw_lines: clippedEvidence(notice) },
      },
    ],
  };
}
