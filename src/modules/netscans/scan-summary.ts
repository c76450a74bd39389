import type { Selectable } from 'kysely';
import type { NetScanSummary } from '../../protocol/netscan-api.ts';
import type { CheckFamily } from '../../protocol/netscan.ts';
import type { NetScansTable } from '../../store/schema-netscans.ts';

/** The columns a summary needs: every one but the report and the changes, which can be large. */
export const summaryColumns = [
  'id',
  'group_name',
  'trigger',
  'requested_by',
  'status',
  'targets',
  'ports',
  'checks',
  'queued_at',
  'started_at',
  'finished_at',
  'error',
  'stats',
] as const;

export type SummaryRow = Pick<Selectable<NetScansTable>, (typeof summaryColumns)[number]>;

export function toScanSummary(row: SummaryRow): NetScanSummary {
  return {
    id: row.id,
    group: row.group_name,
    trigger: row.trigger as NetScanSummary['trigger'],
    requestedBy: row.requested_by,
    status: row.status as NetScanSummary['status'],
    targets: JSON.parse(row.targets) as string[],
    ports: row.ports,
    checks: JSON.parse(row.checks) as CheckFamily[],
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    stats: row.stats === null ? null : (JSON.parse(row.stats) as NetScanSummary['stats']),
  };
}
