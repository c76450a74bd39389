import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import { severityId } from '../../protocol/finding.ts';
import type { VulnFindingList, VulnFindingQuery } from '../../protocol/vuln-api.ts';
import type { DB } from '../../store/schema.ts';
import { toFinding } from './finding-row.ts';

export type FindingFilter = Omit<VulnFindingQuery, 'sort' | 'limit' | 'offset'> & { ids?: string[] };

/** The query's filters as one condition (docs/vulnerabilities.md, "API"). */
export function findingConditions(filter: FindingFilter) {
  return (eb: ExpressionBuilder<DB, 'vuln_findings'>) => {
    const conditions = [];
    if (filter.status !== 'all') conditions.push(eb('status', '=', filter.status));
    if (filter.agentId !== undefined) conditions.push(eb('agent_id', '=', filter.agentId));
    if (filter.package !== undefined)
      conditions.push(
        eb.or([eb('package_name', '=', filter.package), eb('package_source', '=', filter.package)]),
      );
    if (filter.severity !== undefined) conditions.push(eb('severity_id', '>=', severityId(filter.severity)));
    if (filter.kev !== undefined) conditions.push(eb('kev', '=', filter.kev === 'true' ? 1 : 0));
    if (filter.fix === 'available') conditions.push(eb('fix_state', '=', 'fixed'));
    if (filter.fix === 'none') conditions.push(eb('fix_state', '<>', 'fixed'));
    if (filter.q !== undefined && filter.q !== '') {
      // Plain substring: the user's % and _ are literal.
      const pattern = `%${filter.q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(sql<boolean>`${sql.ref('ids')} like ${pattern} escape '\\'`);
    }
    if (filter.ids !== undefined)
      conditions.push(filter.ids.length > 0 ? eb('id', 'in', filter.ids) : sql<boolean>`1 = 0`);
    return eb.and(conditions);
  };
}

type FindingQuery = SelectQueryBuilder<DB, 'vuln_findings', object>;

function sorted(query: FindingQuery, sort: VulnFindingQuery['sort']): FindingQuery {
  switch (sort) {
    case 'risk':
      return query.orderBy('risk', 'desc').orderBy('first_seen', 'desc').orderBy('id');
    case 'firstSeen':
      return query.orderBy('first_seen', 'desc').orderBy('risk', 'desc').orderBy('id');
    case 'dueAt':
      // Soonest first; findings without a due date last on every database.
      return query
        .orderBy(sql`case when due_at is null then 1 else 0 end`)
        .orderBy('due_at')
        .orderBy('risk', 'desc')
        .orderBy('id');
  }
}

/** Findings matching the query, sorted and paged in SQL, and how many match in all. */
export async function listFindings(
  db: Kysely<DB>,
  query: VulnFindingQuery & { ids?: string[] },
  now: Date = new Date(),
): Promise<VulnFindingList> {
  const where = findingConditions(query);
  const rows = await sorted(db.selectFrom('vuln_findings').where(where), query.sort)
    .selectAll()
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const total = await db
    .selectFrom('vuln_findings')
    .where(where)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { findings: rows.map((row) => toFinding(row, now)), total: Number(total.n) };
}
