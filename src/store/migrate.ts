import { Migrator } from 'kysely';
import { AppError } from '../platform/errors.ts';
import type { Database } from './database.ts';
import { migrationsFor } from './migrations/index.ts';

export interface MigrationReport {
  applied: string[];
}

function migratorFor(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(migrationsFor(database.kind)) },
  });
}

/** Brings the schema up to date; safe to call from several processes at once. */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrator = migratorFor(database);
  const { error, results } = await database.withMigrationLock(() => migrator.migrateToLatest());
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError(
      'internal',
      `database migration ${failed} failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      { cause: error },
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** True when every known migration has run; `/readyz` reports it. */
export async function migrationsComplete(database: Database): Promise<boolean> {
  const all = await migratorFor(database).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
