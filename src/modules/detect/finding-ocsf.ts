import { severityId, type Finding } from '../../protocol/finding.ts';
import { toAttacks } from '../alerts/to-attacks.ts';

/**
 * A finding as an OCSF Detection Finding (class 2004) for `vigil detect --format json|jsonl`:
 * the same field names the alerts API uses, plus the evidence lines, so output can go
 * straight to a SIEM.
 */
export function findingOcsf(finding: Finding) {
  const { rule, entities } = finding;
  return {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: 1,
    type_uid: 200401,
    time: finding.lastSeen,
    severity_id: severityId(rule.severity),
    severity: rule.severity,
    count: finding.count,
    finding_info: {
      uid: `${rule.id}:${entities.srcIp ?? ''}:${entities.user ?? ''}:${finding.firstSeen}`,
      title: rule.title,
      types: [rule.type],
      first_seen_time: finding.firstSeen,
      last_seen_time: finding.lastSeen,
      analytic: { uid: rule.id, name: rule.title, type: 'Rule', type_id: 1 },
    },
    attacks: toAttacks(rule.attack),
    tags: rule.tags.filter((tag) => !/^attack\./i.test(tag)),
    src_endpoint: entities.srcIp ? { ip: entities.srcIp } : undefined,
    user: entities.user ? { name: entities.user } : undefined,
    device: entities.host ? { hostname: entities.host } : undefined,
    evidences: finding.evidence.map((event) => ({
      time: event.time,
      raw_data: event.raw_data,
      log_name: event.metadata.log_name,
      sequence: event.metadata.sequence,
    })),
  };
}
