import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Set while an agent is silent past the offline threshold, so the offline event is raised once.
  await db.schema.alterTable('agents').addColumn('offline_since', 'text').execute();
}
