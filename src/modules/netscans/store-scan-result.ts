import type { Kysely, Selectable } from 'kysely';
import { sha256Hex } from '../../platform/ids.ts';
import { severityId, severities } from '../../protocol/finding.ts';
import {
  netScanChangeKinds,
  type NetFindingRecord,
  type NetFindingStatus,
  type NetScanChange,
  type NetScanChangeKind,
  type NetScanSummary,
} from '../../protocol/netscan-api.ts';
import { checkFamilies, type NetFinding, type ScanReport } from '../../protocol/netscan.ts';
import type { DB } from '../../store/schema.ts';
import type { NetExposureTable, NetFindingsTable } from '../../store/schema-netscans.ts';
import { changeCheck, changeFinding, isChangeCheck } from './change-finding.ts';
import { toNetFindingRecord } from './net-finding-record.ts';
import { endpointKey, openEndpoints } from './open-endpoints.ts';
import { scanChanges } from './scan-changes.ts';

const chunk = 500;

export interface StoredScanResult {
  previousScanId: string | null;
  changes: NetScanChange[];
  /** Findings seen for the first time, or again after a scan had resolved them. */
  opened: NetFindingRecord[];
  resolved: NetFindingRecord[];
}

export interface StoreOptions {
  /** The TCP ports the scan probed (its port specification, expanded). */
  scannedPorts: ReadonlySet<number>;
  now: Date;
}

/**
 * Stores a finished scan and what follows from it, in one transaction: the report, the changes
 * against the group's previous completed scan, the findings' lifecycle, the exposure inventory,
 * the certificates seen and the per-host history.
 *
 * A finding, or an inventory port, is only taken as gone when this scan could have seen it: the
 * host was up, the port was among those probed, the check's family ran and did not fail there.
 * A host that was down, or a narrower ad-hoc scan, leaves what it did not look at as it was.
 */
export async function storeScanResult(
  db: Kysely<DB>,
  scanId: string,
  report: ScanReport,
  options: StoreOptions,
): Promise<StoredScanResult> {
  return db.transaction().execute(async (trx) => {
    const scan = await trx
      .selectFrom('net_scans')
      .select(['group_name', 'internet_facing'])
      .where('id', '=', scanId)
      .executeTakeFirstOrThrow();
    const previous =
      scan.group_name === null
        ? undefined
        : await trx
            .selectFrom('net_scans')
            .select(['id', 'report'])
            .where('group_name', '=', scan.group_name)
            .where('status', '=', 'done')
            .where('id', '!=', scanId)
            .orderBy('finished_at', 'desc')
            .limit(1)
            .executeTakeFirst();
    const changes =
      previous?.report == null
        ? []
        : scanChanges(JSON.parse(previous.report) as ScanReport, report, {
            scannedPorts: options.scannedPorts,
            internetFacing: scan.internet_facing === 1,
          });
    const found = await updateFindings(trx, scanId, scan.group_name, report, options.scannedPorts);
    const changed = await updateChangeFindings(trx, scanId, scan.group_name, changes, report);
    await updateInventory(trx, scanId, report, options.scannedPorts);
    await recordHosts(trx, scanId, report);
    const stats: NonNullable<NetScanSummary['stats']> = {
      ...report.stats,
      findings: report.findings.length,
      bySeverity: Object.fromEntries(
        severities.map((severity) => [
          severity,
          report.findings.filter((f) => f.severity === severity).length,
        ]),
      ) as NonNullable<NetScanSummary['stats']>['bySeverity'],
      changes: Object.fromEntries(
        netScanChangeKinds.map((kind) => [kind, changes.filter((c) => c.kind === kind).length]),
      ) as NonNullable<NetScanSummary['stats']>['changes'],
    };
    await trx
      .updateTable('net_scans')
      .set({
        status: 'done',
        finished_at: options.now.toISOString(),
        report: JSON.stringify(report),
        stats: JSON.stringify(stats),
        changes: JSON.stringify(changes),
        previous_scan_id: previous?.id ?? null,
        error: null,
      })
      .where('id', '=', scanId)
      .execute();
    return {
      previousScanId: previous?.id ?? null,
      changes,
      opened: [...found.opened, ...changed.opened],
      resolved: [...found.resolved, ...changed.resolved],
    };
  });
}

/** Stable for one group (or ad hoc), check and endpoint, so a later scan finds the same row. */
export function netFindingId(
  group: string | null,
  finding: Pick<NetFinding, 'check' | 'address' | 'port' | 'transport'>,
): string {
  const key = JSON.stringify([
    group,
    finding.check,
    finding.address,
    finding.port ?? null,
    finding.transport ?? null,
  ]);
  return sha256Hex(key).slice(0, 32);
}

async function updateFindings(
  trx: Kysely<DB>,
  scanId: string,
  group: string | null,
  report: ScanReport,
  scannedPorts: ReadonlySet<number>,
): Promise<Pick<StoredScanResult, 'opened' | 'resolved'>> {
  const at = report.finishedAt;
  // An acknowledged finding seen again stays acknowledged: the user already knows.
  const { seen, opened } = await upsertFindings(trx, scanId, group, report.findings, at, ['resolved']);
  const up = new Set(report.hosts.filter((host) => host.up).map((host) => host.address));
  const failed = new Set(
    (report.errors ?? []).map((error) => `${error.stage}|${error.address}|${error.port ?? ''}`),
  );
  let current = trx.selectFrom('net_findings').selectAll().where('status', 'in', ['open', 'acknowledged']);
  current =
    group === null ? current.where('group_name', 'is', null) : current.where('group_name', '=', group);
  const gone = (await current.execute()).filter((row) => {
    // A change is reported once, by the scan that saw it: its absence later says nothing.
    if (isChangeCheck(row.check_id)) return false;
    if (seen.has(row.id) || !up.has(row.address)) return false;
    const family = row.check_id.split('.')[0] ?? '';
    const known = (checkFamilies as readonly string[]).includes(family);
    if (known && !(report.checks as readonly string[]).includes(family)) return false;
    if (failed.has(`${family}|${row.address}|${row.port ?? ''}`)) return false;
    if (row.port === null) return true;
    return row.transport !== 'udp' && scannedPorts.has(row.port);
  });
  return {
    opened,
    resolved: await resolveFindings(
      trx,
      scanId,
      at,
      gone.map((row) => row.id),
    ),
  };
}

/** What a port that closed makes moot, and what a port that opens again makes moot. */
const mootedBy: Partial<Record<NetScanChangeKind, NetScanChangeKind[]>> = {
  'port-closed': ['new-open-port', 'new-service', 'service-changed', 'certificate-changed'],
  'new-open-port': ['port-closed'],
};

/**
 * Each change against the previous scan becomes a `netscan.<kind>` finding on its endpoint. It
 * stays open until a user acknowledges or resolves it, or until a later scan makes it moot: a port
 * that closed resolves what changed on it while it was open, a port open again resolves its
 * closing. The same change happening again on the endpoint opens its finding again.
 */
async function updateChangeFindings(
  trx: Kysely<DB>,
  scanId: string,
  group: string | null,
  changes: readonly NetScanChange[],
  report: ScanReport,
): Promise<Pick<StoredScanResult, 'opened' | 'resolved'>> {
  if (group === null || changes.length === 0) return { opened: [], resolved: [] };
  const at = report.finishedAt;
  const moot = changes.flatMap((change) =>
    (mootedBy[change.kind] ?? []).map((kind) => netFindingId(group, { ...change, check: changeCheck(kind) })),
  );
  const current: string[] = [];
  for (let i = 0; i < moot.length; i += chunk) {
    const rows = await trx
      .selectFrom('net_findings')
      .select('id')
      .where('id', 'in', moot.slice(i, i + chunk))
      .where('status', '!=', 'resolved')
      .execute();
    current.push(...rows.map((row) => row.id));
  }
  const resolved = await resolveFindings(trx, scanId, at, current);
  const names = new Map(report.hosts.map((host) => [host.address, host.names[0]]));
  const findings = changes.map((change) => changeFinding(change, names.get(change.address)));
  const { opened } = await upsertFindings(trx, scanId, group, findings, at, ['resolved', 'acknowledged']);
  return { opened, resolved };
}

/**
 * Inserts the findings not kept yet and refreshes the others; one whose status is in `reopenFrom`
 * is open again. Returns the findings by id and those opened or opened again.
 */
async function upsertFindings(
  trx: Kysely<DB>,
  scanId: string,
  group: string | null,
  findings: readonly NetFinding[],
  at: string,
  reopenFrom: readonly NetFindingStatus[],
): Promise<{ seen: Map<string, NetFinding>; opened: NetFindingRecord[] }> {
  const seen = new Map<string, NetFinding>();
  for (const finding of findings) {
    const id = netFindingId(group, finding);
    if (!seen.has(id)) seen.set(id, finding);
  }
  const existing = new Map<string, Selectable<NetFindingsTable>>();
  const ids = [...seen.keys()];
  for (let i = 0; i < ids.length; i += chunk) {
    const rows = await trx
      .selectFrom('net_findings')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + chunk))
      .execute();
    for (const row of rows) existing.set(row.id, row);
  }
  const opened: NetFindingRecord[] = [];
  for (const [id, finding] of seen) {
    const row = existing.get(id);
    const facts = {
      title: finding.title,
      severity: finding.severity,
      severity_id: severityId(finding.severity),
      host: finding.host ?? null,
      evidence: finding.evidence,
      remediation: finding.remediation,
      tags: JSON.stringify(finding.tags ?? []),
      last_seen: at,
      last_scan_id: scanId,
    };
    if (!row) {
      const inserted = await trx
        .insertInto('net_findings')
        .values({
          id,
          group_name: group,
          check_id: finding.check,
          address: finding.address,
          port: finding.port ?? null,
          transport: finding.transport ?? null,
          ...facts,
          status: 'open',
          first_seen: at,
          resolved_at: null,
          reopened: 0,
          first_scan_id: scanId,
          opened_scan_id: scanId,
          resolved_scan_id: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      opened.push(toNetFindingRecord(inserted));
      continue;
    }
    const reopen = (reopenFrom as readonly string[]).includes(row.status);
    const updated = await trx
      .updateTable('net_findings')
      .set({
        ...facts,
        ...(reopen
          ? {
              status: 'open',
              resolved_at: null,
              resolved_scan_id: null,
              reopened: row.reopened + 1,
              opened_scan_id: scanId,
            }
          : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (reopen) opened.push(toNetFindingRecord(updated));
  }
  return { seen, opened };
}

async function resolveFindings(
  trx: Kysely<DB>,
  scanId: string,
  at: string,
  ids: readonly string[],
): Promise<NetFindingRecord[]> {
  const resolved: NetFindingRecord[] = [];
  for (let i = 0; i < ids.length; i += chunk) {
    const rows = await trx
      .updateTable('net_findings')
      .set({ status: 'resolved', resolved_at: at, resolved_scan_id: scanId })
      .where('id', 'in', ids.slice(i, i + chunk))
      .returningAll()
      .execute();
    resolved.push(...rows.map(toNetFindingRecord));
  }
  return resolved;
}

async function updateInventory(
  trx: Kysely<DB>,
  scanId: string,
  report: ScanReport,
  scannedPorts: ReadonlySet<number>,
): Promise<void> {
  const at = report.finishedAt;
  const endpoints = openEndpoints(report);
  const up = [...new Set(report.hosts.filter((host) => host.up).map((host) => host.address))];
  const known = new Map<string, Selectable<NetExposureTable>>();
  for (let i = 0; i < up.length; i += chunk) {
    const rows = await trx
      .selectFrom('net_exposure')
      .selectAll()
      .where('address', 'in', up.slice(i, i + chunk))
      .execute();
    for (const row of rows) known.set(endpointKey(row), row);
  }
  for (const [key, endpoint] of endpoints) {
    const facts = {
      names: JSON.stringify(endpoint.names),
      service: endpoint.service?.service ?? null,
      product: endpoint.service?.product ?? null,
      version: endpoint.service?.version ?? null,
      tls: endpoint.service?.tls ? 1 : 0,
      auth: endpoint.service?.auth ?? null,
      cert_sha256: endpoint.certificate?.sha256 ?? null,
      last_seen: at,
      last_scan_id: scanId,
      open: 1,
    };
    if (known.has(key))
      await trx
        .updateTable('net_exposure')
        .set(facts)
        .where('address', '=', endpoint.address)
        .where('port', '=', endpoint.port)
        .where('transport', '=', endpoint.transport)
        .execute();
    else
      await trx
        .insertInto('net_exposure')
        .values({
          address: endpoint.address,
          port: endpoint.port,
          transport: endpoint.transport,
          first_seen: at,
          ...facts,
        })
        .execute();
    if (endpoint.certificate)
      await trx
        .insertInto('net_certificates')
        .values({
          address: endpoint.address,
          port: endpoint.port,
          sha256: endpoint.certificate.sha256,
          subject: endpoint.certificate.subject,
          not_after: endpoint.certificate.notAfter,
          first_seen: at,
          last_seen: at,
          last_scan_id: scanId,
        })
        .onConflict((oc) =>
          oc.columns(['address', 'port', 'sha256']).doUpdateSet({ last_seen: at, last_scan_id: scanId }),
        )
        .execute();
  }
  for (const [key, row] of known) {
    if (endpoints.has(key) || row.open !== 1 || row.transport !== 'tcp' || !scannedPorts.has(row.port))
      continue;
    await trx
      .updateTable('net_exposure')
      .set({ open: 0 })
      .where('address', '=', row.address)
      .where('port', '=', row.port)
      .where('transport', '=', row.transport)
      .execute();
  }
}

async function recordHosts(trx: Kysely<DB>, scanId: string, report: ScanReport): Promise<void> {
  const findings = new Map<string, number>();
  for (const finding of report.findings)
    findings.set(finding.address, (findings.get(finding.address) ?? 0) + 1);
  const rows = report.hosts.map((host) => ({
    scan_id: scanId,
    address: host.address,
    names: JSON.stringify(host.names),
    up: host.up ? 1 : 0,
    open_ports: JSON.stringify(host.ports.filter((port) => port.state === 'open').map((port) => port.port)),
    findings: findings.get(host.address) ?? 0,
  }));
  for (let i = 0; i < rows.length; i += 100)
    await trx
      .insertInto('net_scan_hosts')
      .values(rows.slice(i, i + 100))
      .execute();
}
