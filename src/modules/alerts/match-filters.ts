import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AlertFilters } from '../../protocol/alerts.ts';
import { severityId } from '../../protocol/finding.ts';
import type { DB } from '../../store/schema.ts';
import { normalizeEntities } from './alert-entities.ts';

const statusSets = { open: ['new', 'acknowledged'], closed: ['resolved', 'false_positive'] } as const;

/** LIKE pattern for "contains", with the wildcards in the text taken literally. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filters every alert listing shares, time range aside (the list and the timeline read it differently). */
export function matchFilters(
  eb: ExpressionBuilder<DB, 'alerts'>,
  filters: Omit<AlertFilters, 'since' | 'until'>,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  const { status, severity, rule, q } = filters;
  if (status === 'open' || status === 'closed') conditions.push(eb('status', 'in', statusSets[status]));
  else if (status !== undefined) conditions.push(eb('status', '=', status));
  if (severity !== undefined) conditions.push(eb('severity_id', '>=', severityId(severity)));
  if (rule !== undefined) conditions.push(eb('rule_id', '=', rule));
  // Compared as stored, so "WEB1" finds the alerts about web1.
  const entities = normalizeEntities(filters);
  if (entities.srcIp !== null) conditions.push(eb('src_ip', '=', entities.srcIp));
  if (entities.user !== null) conditions.push(eb('user_name', '=', entities.user));
  if (entities.host !== null) conditions.push(eb('host', '=', entities.host));
  if (q !== undefined) {
    const pattern = containsPattern(q);
    conditions.push(
      eb.or(
        (['rule_title', 'rule_id', 'src_ip', 'user_name', 'host'] as const).map(
          (column) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  return eb.and(conditions);
}
