import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Random } from '../../platform/ids.ts';
import type { AlertSuppression, CreateAlertSuppressionRequest } from '../../protocol/alerts.ts';
import type { AlertSuppressionRow, DB } from '../../store/schema.ts';
import { normalizeEntities } from './alert-entities.ts';

export function toSuppression(row: AlertSuppressionRow, now: Date): AlertSuppression {
  return {
    id: row.id,
    ruleId: row.rule_id,
    srcIp: row.src_ip,
    user: row.user_name,
    host: row.host,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    active: row.expires_at === null || row.expires_at > now.toISOString(),
    suppressedCount: row.suppressed_count,
    lastSuppressedAt: row.last_suppressed_at,
  };
}

/** Newest first; expired ones stay listed (inactive) so their counts remain visible until deleted. */
export async function listSuppressions(db: Kysely<DB>, now: Date): Promise<AlertSuppression[]> {
  const rows = await db
    .selectFrom('alert_suppressions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((row) => toSuppression(row, now));
}

export async function createSuppression(
  db: Kysely<DB>,
  random: Random,
  request: CreateAlertSuppressionRequest,
  createdBy: string | null,
  now: Date,
): Promise<AlertSuppression> {
  // Stored the way findings' entities are, or a suppression typed in another case would never match.
  const entities = normalizeEntities(request);
  const row: AlertSuppressionRow = {
    id: random.uuid(),
    rule_id: request.ruleId ?? null,
    src_ip: entities.srcIp,
    user_name: entities.user,
    host: entities.host,
    reason: request.reason,
    created_by: createdBy,
    created_at: now.toISOString(),
    expires_at:
      request.expiresInSeconds === null
        ? null
        : new Date(now.getTime() + request.expiresInSeconds * 1000).toISOString(),
    suppressed_count: 0,
    last_suppressed_at: null,
  };
  await db.insertInto('alert_suppressions').values(row).execute();
  return toSuppression(row, now);
}

export async function deleteSuppression(db: Kysely<DB>, id: string, now: Date): Promise<AlertSuppression> {
  const row = await db
    .deleteFrom('alert_suppressions')
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw new AppError('not_found', 'no such suppression');
  return toSuppression(row, now);
}

/** For the audit log: which findings a suppression drops, e.g. `rule=… srcIp=203.0.113.9`. */
export function describeSuppression(suppression: AlertSuppression): string {
  const { ruleId, srcIp, user, host } = suppression;
  return Object.entries({ rule: ruleId, srcIp, user, host })
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(' ');
}
