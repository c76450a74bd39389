import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';

const busyTimeoutMs = 30_000;

export function openSqlite(path: string): Database {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const connection = new SqliteDriver(path);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
  connection.pragma('foreign_keys = ON');
  connection.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: connection }) });
  return {
    db,
    kind: 'sqlite',
    location: path,
    withMigrationLock: (fn) => withFileLock(`${path}.migrate-lock`, fn),
    ping: async () => {
      await sql`select 1`.execute(db);
      return true;
    },
    close: () => db.destroy(),
  };
}

/*
 * Kysely's SQLite adapter assumes one process. Several `vigil serve` processes
 * may share a database file, so migrations take an IMMEDIATE transaction on a
 * side file: SQLite's own locking makes the others wait, and the lock goes away
 * with the process if it dies. Waiting polls instead of using busy_timeout,
 * which would block the event loop.
 */
async function withFileLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const lock = new SqliteDriver(lockPath);
  try {
    await acquire(lock);
    try {
      return await fn();
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}

async function acquire(lock: SqliteDriver.Database): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    try {
      lock.exec('BEGIN IMMEDIATE');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
