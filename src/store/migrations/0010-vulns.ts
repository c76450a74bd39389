import type { Kysely } from 'kysely';

/** Tables are added by the module that owns them. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
