import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import pg from 'pg';
import type { Database } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { openSqlite } from '../../src/store/sqlite.ts';

/** A database for one test, with a `url` that other processes can open too. */
export interface TestDatabase {
  database: Database;
  url: string;
  dataDir: string;
  /** Opens another handle on the same data, as a second server process would. */
  reopen(): Database;
  dispose(): Promise<void>;
}

export interface TestDialect {
  name: 'sqlite' | 'postgres';
  create(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

const pgUrl = process.env.VIGIL_TEST_DATABASE_URL;

const sqliteDialect: TestDialect = {
  name: 'sqlite',
  async create({ migrate = true } = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
    const path = join(dataDir, 'vigil.db');
    const database = openSqlite(path);
    if (migrate) await migrateToLatest(database);
    return {
      database,
      url: `sqlite://${path}`,
      dataDir,
      reopen: () => openSqlite(path),
      dispose: async () => {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/* Each test gets its own database, so tests never see each other's rows or migration state. */
const postgresDialect: TestDialect = {
  name: 'postgres',
  async create({ migrate = true } = {}) {
    const name = `vigil_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const parsed = new URL(pgUrl as string);
    parsed.pathname = `/${name}`;
    const url = parsed.toString();
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
    const database = openPostgres(url);
    if (migrate) await migrateToLatest(database);
    return {
      database,
      url,
      dataDir,
      reopen: () => openPostgres(url),
      dispose: async () => {
        await database.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** SQLite always; PostgreSQL when VIGIL_TEST_DATABASE_URL is set (CI always sets it). */
export const testDialects: TestDialect[] = pgUrl ? [sqliteDialect, postgresDialect] : [sqliteDialect];

if (!pgUrl && process.env.CI === 'true') throw new Error('CI=true requires VIGIL_TEST_DATABASE_URL');

/**
 * Runs the same suite on every dialect, as kysely does: one body, and
 * `fresh()` for a migrated database that is dropped after the test file.
 */
export function describeEachDialect(
  name: string,
  body: (dialect: TestDialect, fresh: () => Promise<TestDatabase>) => void,
): void {
  for (const dialect of testDialects) {
    describe(`${name} [${dialect.name}]`, () => {
      const opened: TestDatabase[] = [];
      body(dialect, async () => {
        const db = await dialect.create();
        opened.push(db);
        return db;
      });
      // Registered after the body's hooks so servers close before their databases go.
      after(async () => {
        await Promise.all(opened.map((db) => db.dispose()));
      });
    });
  }
}
