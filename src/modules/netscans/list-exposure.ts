import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { severities } from '../../protocol/finding.ts';
import type { NetExposure, NetExposureList, NetExposureQuery } from '../../protocol/netscan-api.ts';
import type { Transport } from '../../protocol/netscan.ts';
import type { DB } from '../../store/schema.ts';
import type { NetExposureTable } from '../../store/schema-netscans.ts';
import { parseIpPrefix, prefixContains } from '../firewall/ip-prefix.ts';
import { endpointKey } from './open-endpoints.ts';

const chunk = 500;

/**
 * The exposure inventory, by address and port. An address filter that is a range is applied
 * after reading (text columns do not know CIDR), so such a query reads every matching row first.
 */
export async function listExposure(db: Kysely<DB>, query: NetExposureQuery): Promise<NetExposureList> {
  let base = db.selectFrom('net_exposure');
  if (query.open !== 'all') base = base.where('open', '=', query.open === 'true' ? 1 : 0);
  if (query.port !== undefined) base = base.where('port', '=', query.port);
  if (query.service !== undefined) base = base.where('service', '=', query.service);
  const range = query.address === undefined ? undefined : parseIpPrefix(query.address);
  if (query.address !== undefined && !range)
    throw new AppError('bad_request', `address must be an IP address or CIDR range, not ${query.address}`);
  const single = range && range.length === range.bytes.length * 8;
  if (single && query.address !== undefined) base = base.where('address', '=', query.address);
  const ordered = base.selectAll().orderBy('address').orderBy('port').orderBy('transport');
  let rows: Selectable<NetExposureTable>[];
  let total: number;
  if (range && !single) {
    const all = (await ordered.execute()).filter((row) => {
      const address = parseIpPrefix(row.address);
      return address !== undefined && prefixContains(range, address);
    });
    rows = all.slice(query.offset, query.offset + query.limit);
    total = all.length;
  } else {
    rows = await ordered.limit(query.limit).offset(query.offset).execute();
    const { n } = await base
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    total = Number(n);
  }
  return { endpoints: await withFindings(db, rows), total };
}

/** Inventory rows as the API shows them, each with its open findings counted. */
export async function withFindings(
  db: Kysely<DB>,
  rows: readonly Selectable<NetExposureTable>[],
): Promise<NetExposure[]> {
  const addresses = [...new Set(rows.map((row) => row.address))];
  const counts = new Map<string, { findings: number; worst: number }>();
  for (let i = 0; i < addresses.length; i += chunk) {
    const found = await db
      .selectFrom('net_findings')
      .select((eb) => [
        'address',
        'port',
        'transport',
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.max('severity_id').as('worst'),
      ])
      .where('status', '=', 'open')
      .where('address', 'in', addresses.slice(i, i + chunk))
      .where('port', 'is not', null)
      .groupBy(['address', 'port', 'transport'])
      .execute();
    for (const row of found) {
      const key = endpointKey({
        address: row.address,
        port: row.port ?? 0,
        transport: row.transport ?? 'tcp',
      });
      const before = counts.get(key) ?? { findings: 0, worst: 0 };
      counts.set(key, {
        findings: before.findings + Number(row.n),
        worst: Math.max(before.worst, row.worst),
      });
    }
  }
  return rows.map((row) => {
    const count = counts.get(endpointKey(row));
    return {
      address: row.address,
      port: row.port,
      transport: row.transport as Transport,
      names: JSON.parse(row.names) as string[],
      service: row.service,
      product: row.product,
      version: row.version,
      tls: row.tls === 1,
      auth: row.auth as NetExposure['auth'],
      certificateSha256: row.cert_sha256,
      firstSeenAt: row.first_seen,
      lastSeenAt: row.last_seen,
      lastScanId: row.last_scan_id,
      open: row.open === 1,
      findings: count?.findings ?? 0,
      maxSeverity: count ? (severities[count.worst - 1] ?? null) : null,
    };
  });
}
