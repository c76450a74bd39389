import type { Kysely } from 'kysely';
import { AuditVerification } from '../../protocol/audit.ts';
import type { DB } from '../../store/schema.ts';
import { verifyAudit } from './store.ts';

const key = 'audit.lastVerification';
const maxAgeMs = 3_600_000;

/** Runs a full verification and keeps its result for dashboards. */
export async function verifyAndRecord(db: Kysely<DB>, now: Date): Promise<AuditVerification> {
  const result = await verifyAudit(db);
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(result), updated_at: now.toISOString() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(result), updated_at: now.toISOString() }),
    )
    .execute();
  return result;
}

/**
 * The latest full verification, redone when older than an hour. A full walk
 * is linear in the log's length, so dashboards read this instead of walking
 * the chain on every page load.
 */
export async function latestVerification(db: Kysely<DB>, now: Date): Promise<AuditVerification> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (row && now.getTime() - Date.parse(row.updated_at) < maxAgeMs) {
    const parsed = AuditVerification.safeParse(JSON.parse(row.value));
    if (parsed.success) return parsed.data;
  }
  return verifyAndRecord(db, now);
}
