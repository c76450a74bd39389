import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';

/** Counts one more policy block of the address and returns how many there have been, 1 the first time. */
export async function escalateOffender(db: Kysely<DB>, address: string, now: Date): Promise<number> {
  const row = await db
    .insertInto('offenders')
    .values({ address, level: 1, last_blocked_at: now.toISOString() })
    .onConflict((oc) =>
      oc.column('address').doUpdateSet((eb) => ({
        level: eb('offenders.level', '+', 1),
        last_blocked_at: eb.ref('excluded.last_blocked_at'),
      })),
    )
    .returning('level')
    .executeTakeFirstOrThrow();
  return row.level;
}
