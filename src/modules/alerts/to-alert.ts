import type { Alert, AlertStatus } from '../../protocol/alerts.ts';
import type { Severity } from '../../protocol/finding.ts';
import type { AlertRow } from '../../store/schema.ts';
import { toAttacks } from './to-attacks.ts';

/** OCSF Detection Finding status_id; OCSF has no "false positive", so it is Other with our name for it. */
const statusIds: Record<AlertStatus, number> = { new: 1, acknowledged: 2, resolved: 4, false_positive: 99 };

export function toAlert(row: AlertRow): Alert {
  const status = row.status as AlertStatus;
  return {
    id: row.id,
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    severity_id: row.severity_id,
    severity: row.severity as Severity,
    status_id: statusIds[status],
    status,
    count: row.count,
    finding_info: {
      uid: row.id,
      title: row.rule_title,
      types: [row.rule_type],
      first_seen_time: Date.parse(row.first_seen),
      last_seen_time: Date.parse(row.last_seen),
      created_time: Date.parse(row.created_at),
      modified_time: Date.parse(row.updated_at),
      analytic: { uid: row.rule_id, name: row.rule_title, type: 'Rule', type_id: 1 },
    },
    attacks: toAttacks(JSON.parse(row.attack) as string[]),
    tags: (JSON.parse(row.tags) as string[]).filter((tag) => !/^attack\./i.test(tag)),
    entities: { src_ip: row.src_ip, user: row.user_name, host: row.host, agent_id: row.agent_id },
    assignee: row.assignee,
  };
}
