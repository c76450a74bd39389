import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { NetScanChange, NetScanDetail } from '../../protocol/netscan-api.ts';
import type { ScanReport } from '../../protocol/netscan.ts';
import type { DB } from '../../store/schema.ts';
import { toNetFindingRecord } from './net-finding-record.ts';
import { toScanSummary } from './scan-summary.ts';

/**
 * One scan with its report and what it changed. The findings it opened and resolved are shown as
 * they stand now: one a later scan opened again counts for that later scan.
 */
export async function getScanDetail(db: Kysely<DB>, id: string): Promise<NetScanDetail> {
  const row = await db.selectFrom('net_scans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `no network scan ${id}`);
  const opened = await db
    .selectFrom('net_findings')
    .selectAll()
    .where('opened_scan_id', '=', id)
    .orderBy('severity_id', 'desc')
    .orderBy('address')
    .orderBy('check_id')
    .execute();
  const resolved = await db
    .selectFrom('net_findings')
    .selectAll()
    .where('resolved_scan_id', '=', id)
    .orderBy('severity_id', 'desc')
    .orderBy('address')
    .orderBy('check_id')
    .execute();
  return {
    ...toScanSummary(row),
    report: row.report === null ? null : (JSON.parse(row.report) as ScanReport),
    previousScanId: row.previous_scan_id,
    changes: row.changes === null ? [] : (JSON.parse(row.changes) as NetScanChange[]),
    newFindings: opened.map(toNetFindingRecord),
    resolvedFindings: resolved.map(toNetFindingRecord),
  };
}
