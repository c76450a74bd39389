import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit } from '../src/modules/audit/store.ts';
import { hashPassword, verifyPassword } from '../src/modules/auth/password-hash.ts';
import type { Database } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { openDatabase } from '../src/store/open-database.ts';
import pg from 'pg';
import type { Benchmark } from './harness.ts';

const record = {
  at: new Date().toISOString(),
  actorId: null,
  actor: 'bench',
  action: 'bench.append',
  method: 'POST',
  path: '/bench',
  target: null,
  sourceIp: '127.0.0.1',
  userAgent: null,
  status: 200,
  outcome: 'success' as const,
  detail: null,
};

/** A throwaway database: a temp SQLite file, or a fresh PostgreSQL database dropped afterwards. */
async function auditTarget(
  kind: 'sqlite' | 'postgres',
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  let url: string | undefined;
  const name = `vigil_bench_${process.pid}`;
  const adminUrl = process.env.VIGIL_TEST_DATABASE_URL;
  if (kind === 'postgres' && adminUrl) {
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const parsed = new URL(adminUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  }
  const database = openDatabase({ url, dataDir });
  await migrateToLatest(database);
  return {
    database,
    cleanup: async () => {
      await database.close();
      if (url && adminUrl) await adminQuery(adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function auditAppend(kind: 'sqlite' | 'postgres'): Benchmark {
  return {
    name: `audit append (${kind}, hash-chained, one transaction each)`,
    iterations: 2000,
    async setup() {
      const { database, cleanup } = await auditTarget(kind);
      return { op: () => appendAudit(database.db, record), teardown: cleanup };
    },
  };
}

export const benchmarks: Benchmark[] = [
  auditAppend('sqlite'),
  ...(process.env.VIGIL_TEST_DATABASE_URL ? [auditAppend('postgres')] : []),
  {
    name: 'password verify (argon2id m=19456 t=2 p=1)',
    iterations: 50,
    async setup() {
      const encoded = await hashPassword('correct horse battery staple');
      return { op: () => verifyPassword(encoded, 'correct horse battery staple') };
    },
  },
];
