import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The latest inventory snapshot per agent; history lives in the events table.
  await db.schema
    .createTable('host_inventory')
    .addColumn('agent_id', 'text', (c) => c.primaryKey())
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
}
