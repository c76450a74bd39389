import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { NetHostView } from '../../protocol/netscan-api.ts';
import type { DB } from '../../store/schema.ts';
import { withFindings } from './list-exposure.ts';
import { toNetFindingRecord } from './net-finding-record.ts';

const historyLength = 50;

/** Everything scans found on one address: its endpoints, its findings and the scans that saw it. */
export async function getNetHost(db: Kysely<DB>, address: string): Promise<NetHostView> {
  const endpoints = await db
    .selectFrom('net_exposure')
    .selectAll()
    .where('address', '=', address)
    .orderBy('open', 'desc')
    .orderBy('port')
    .orderBy('transport')
    .execute();
  const findings = await db
    .selectFrom('net_findings')
    .selectAll()
    .where('address', '=', address)
    .orderBy('status', 'asc')
    .orderBy('severity_id', 'desc')
    .orderBy('last_seen', 'desc')
    .execute();
  const history = await db
    .selectFrom('net_scan_hosts as h')
    .innerJoin('net_scans as s', 's.id', 'h.scan_id')
    .select(['h.scan_id', 'h.names', 'h.up', 'h.open_ports', 'h.findings', 's.group_name', 's.finished_at'])
    .where('h.address', '=', address)
    .where('s.status', '=', 'done')
    .orderBy('s.finished_at', 'desc')
    .limit(historyLength)
    .execute();
  if (endpoints.length === 0 && findings.length === 0 && history.length === 0)
    throw new AppError('not_found', `no scan has seen ${address}`);
  const names = new Set<string>();
  for (const row of [...endpoints, ...history])
    for (const name of JSON.parse(row.names) as string[]) names.add(name);
  return {
    address,
    names: [...names],
    services: await withFindings(db, endpoints),
    findings: findings.map(toNetFindingRecord),
    history: history.map((row) => ({
      scanId: row.scan_id,
      group: row.group_name,
      finishedAt: row.finished_at ?? '',
      up: row.up === 1,
      openPorts: JSON.parse(row.open_ports) as number[],
      findings: row.findings,
    })),
  };
}
