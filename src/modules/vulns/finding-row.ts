import type { Insertable, Selectable } from 'kysely';
import { severityId } from '../../protocol/finding.ts';
import type { VulnFinding } from '../../protocol/vuln-api.ts';
import type { VulnFindingsTable } from '../../store/schema-vulns.ts';

/** The columns lists filter and sort on, and the finding itself as JSON. */
export function toFindingRow(finding: VulnFinding): Insertable<VulnFindingsTable> {
  const v = finding.vulnerability;
  return {
    id: finding.id,
    agent_id: finding.agentId,
    hostname: finding.hostname,
    vulnerability_id: v.id,
    ids: [...new Set([v.id, ...v.advisories, ...v.aliases])].join(' ').toUpperCase(),
    package_manager: finding.package.manager,
    package_name: finding.package.name,
    package_source: finding.package.source,
    ecosystem: finding.package.ecosystem,
    fix_state: finding.fixState,
    severity: finding.severity,
    severity_id: severityId(finding.severity),
    kev: finding.kev ? 1 : 0,
    risk: finding.risk,
    due_at: finding.dueAt,
    status: finding.status,
    first_seen: finding.firstSeenAt,
    last_seen: finding.lastSeenAt,
    resolved_at: finding.resolvedAt,
    data: JSON.stringify(finding),
  };
}

/** The stored finding; its lifecycle columns are the truth, and "overdue" is as of `now`. */
export function toFinding(row: Selectable<VulnFindingsTable>, now: Date): VulnFinding {
  const finding = JSON.parse(row.data) as VulnFinding;
  return {
    ...finding,
    hostname: row.hostname,
    status: row.status as VulnFinding['status'],
    firstSeenAt: row.first_seen,
    lastSeenAt: row.last_seen,
    resolvedAt: row.resolved_at,
    overdue: row.status === 'open' && row.due_at !== null && row.due_at < now.toISOString(),
  };
}
