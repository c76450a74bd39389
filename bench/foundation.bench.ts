import { appendAudit } from '../src/modules/audit/store.ts';
import { hashPassword, verifyPassword } from '../src/modules/auth/password-hash.ts';
import { testDialects, type TestDialect } from '../test/helpers/test-database.ts';
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

/** Same throwaway databases as the tests: a temp SQLite file, or a fresh PostgreSQL database. */
function auditAppend(dialect: TestDialect): Benchmark {
  return {
    name: `audit append (${dialect.name}, hash-chained, one transaction each)`,
    iterations: 2000,
    async setup() {
      const target = await dialect.create();
      return { op: () => appendAudit(target.database.db, record), teardown: () => target.dispose() };
    },
  };
}

export const benchmarks: Benchmark[] = [
  ...testDialects.map(auditAppend),
  {
    name: 'password verify (argon2id m=19456 t=2 p=1)',
    iterations: 50,
    async setup() {
      const encoded = await hashPassword('correct horse battery staple');
      return { op: () => verifyPassword(encoded, 'correct horse battery staple') };
    },
  },
];
