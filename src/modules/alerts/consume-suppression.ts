import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import type { AlertEntities } from './alert-entities.ts';

/**
 * Finds an unexpired suppression that matches the finding (every field it
 * sets equals the finding's; unset fields match anything), counts the
 * finding against it and returns its id; undefined when none matches.
 */
export async function consumeSuppression(
  db: Kysely<DB>,
  ruleId: string,
  entities: AlertEntities,
  now: Date,
): Promise<string | undefined> {
  const at = now.toISOString();
  const match = await db
    .selectFrom('alert_suppressions')
    .select('id')
    .where((eb) => {
      const matches = (column: 'rule_id' | 'src_ip' | 'user_name' | 'host', value: string | null) =>
        value === null ? eb(column, 'is', null) : eb.or([eb(column, 'is', null), eb(column, '=', value)]);
      return eb.and([
        matches('rule_id', ruleId),
        matches('src_ip', entities.srcIp),
        matches('user_name', entities.user),
        matches('host', entities.host),
        eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]),
      ]);
    })
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (match === undefined) return undefined;
  await db
    .updateTable('alert_suppressions')
    .set((eb) => ({ suppressed_count: eb('suppressed_count', '+', 1), last_suppressed_at: at }))
    .where('id', '=', match.id)
    .execute();
  return match.id;
}
