import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';

const int8Oid = 20;

/* Counts and sequence numbers come back as int8; they stay far below 2^53. */
const types = new pg.TypeOverrides();
types.setTypeParser(int8Oid, Number);

/**
 * `onIdleError` hears about idle pooled connections that die (a database
 * restart, a failover). Without a listener, pg turns that into an uncaught
 * exception that would take the whole server down.
 */
export function openPostgres(url: string, onIdleError: (error: Error) => void = () => undefined): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10, types, connectionTimeoutMillis: 10_000 });
  pool.on('error', onIdleError);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    location: redactUrl(url),
    // Kysely's Postgres adapter already takes pg_advisory_lock around migrations.
    withMigrationLock: (fn) => fn(),
    ping: async () => {
      await sql`select 1`.execute(db);
      return true;
    },
    close: () => db.destroy(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
