import type { Selectable } from 'kysely';
import type { Severity } from '../../protocol/finding.ts';
import type { NetFindingRecord } from '../../protocol/netscan-api.ts';
import type { Transport } from '../../protocol/netscan.ts';
import type { NetFindingsTable } from '../../store/schema-netscans.ts';

export function toNetFindingRecord(row: Selectable<NetFindingsTable>): NetFindingRecord {
  return {
    id: row.id,
    group: row.group_name,
    check: row.check_id,
    title: row.title,
    severity: row.severity as Severity,
    address: row.address,
    host: row.host,
    port: row.port,
    transport: row.transport as Transport | null,
    evidence: row.evidence,
    remediation: row.remediation,
    tags: JSON.parse(row.tags) as string[],
    status: row.status as NetFindingRecord['status'],
    firstSeenAt: row.first_seen,
    lastSeenAt: row.last_seen,
    resolvedAt: row.resolved_at,
    reopened: row.reopened,
    firstScanId: row.first_scan_id,
    lastScanId: row.last_scan_id,
  };
}
