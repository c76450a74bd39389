import type { Kysely } from 'kysely';
import { severityId } from '../../protocol/finding.ts';
import { AppError } from '../../platform/errors.ts';
import type { NetFindingList, NetFindingQuery, NetFindingRecord } from '../../protocol/netscan-api.ts';
import type { DB } from '../../store/schema.ts';
import { toNetFindingRecord } from './net-finding-record.ts';

/** Findings matching the filters, worst first, paged; `check` names one check or a whole family. */
export async function listNetFindings(db: Kysely<DB>, query: NetFindingQuery): Promise<NetFindingList> {
  let base = db.selectFrom('net_findings');
  if (query.status !== 'all') base = base.where('status', '=', query.status);
  if (query.severity !== undefined) base = base.where('severity_id', '>=', severityId(query.severity));
  if (query.check !== undefined) {
    const check = query.check;
    base = check.includes('.')
      ? base.where('check_id', '=', check)
      : // A family: ids are `family.name`, and substr avoids LIKE's wildcards in the user's text.
        base.where((eb) =>
          eb(eb.fn('substr', ['check_id', eb.val(1), eb.val(check.length + 1)]), '=', `${check}.`),
        );
  }
  if (query.address !== undefined) base = base.where('address', '=', query.address);
  if (query.group !== undefined) base = base.where('group_name', '=', query.group);
  const rows = await base
    .selectAll()
    .orderBy('severity_id', 'desc')
    .orderBy('last_seen', 'desc')
    .orderBy('id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const { n } = await base
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { findings: rows.map(toNetFindingRecord), total: Number(n) };
}

export async function getNetFinding(db: Kysely<DB>, id: string): Promise<NetFindingRecord> {
  const row = await db.selectFrom('net_findings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `no network finding ${id}`);
  return toNetFindingRecord(row);
}
