import type { Kysely } from 'kysely';
import type { Random } from '../../platform/ids.ts';
import type { NetScanSummary } from '../../protocol/netscan-api.ts';
import type { DB } from '../../store/schema.ts';
import type { PlannedScan } from './plan-scan.ts';
import { summaryColumns, toScanSummary } from './scan-summary.ts';

export interface ScanRequester {
  /** A username, or `schedule`. */
  requestedBy: string;
  trigger: NetScanSummary['trigger'];
}

/** Stores a planned scan as queued; the runner takes queued scans oldest first. */
export async function queueScan(
  db: Kysely<DB>,
  plan: PlannedScan,
  by: ScanRequester,
  now: Date,
  random: Random,
): Promise<NetScanSummary> {
  const row = await db
    .insertInto('net_scans')
    .values({
      id: random.uuid(),
      group_name: plan.group,
      trigger: by.trigger,
      requested_by: by.requestedBy,
      status: 'queued',
      targets: JSON.stringify(plan.targets),
      ports: plan.ports,
      checks: JSON.stringify(plan.checks),
      internet_facing: plan.internetFacing ? 1 : 0,
      queued_at: now.toISOString(),
    })
    .returning([...summaryColumns])
    .executeTakeFirstOrThrow();
  return toScanSummary(row);
}
