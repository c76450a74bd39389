import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { appendAudit, listAudit, verifyAudit } from '../../src/modules/audit/store.ts';
import type { AuditRecord } from '../../src/modules/audit/chain.ts';
import { describeEachDialect } from '../helpers/test-database.ts';
import { runTs } from '../helpers/run-ts.ts';

function record(n: number): AuditRecord {
  return {
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    actorId: null,
    actor: `user${n % 3}`,
    action: 'users.create',
    method: 'POST',
    path: '/api/users',
    target: `target-${n}`,
    sourceIp: '192.0.2.1',
    userAgent: 'test',
    status: 201,
    outcome: 'success',
    detail: null,
  };
}

describeEachDialect('audit chain', (dialect, fresh) => {
  test('an untouched chain verifies, and pages newest first', async () => {
    const { database } = await fresh();
    for (let i = 1; i <= 25; i += 1) await appendAudit(database.db, record(i));
    const result = await verifyAudit(database.db);
    assert.deepEqual(
      { ok: result.ok, checked: result.checked, headSeq: result.headSeq },
      { ok: true, checked: 25, headSeq: 25 },
    );
    const page = await listAudit(database.db, { limit: 10 });
    assert.deepEqual(
      page.entries.map((e) => e.seq),
      [25, 24, 23, 22, 21, 20, 19, 18, 17, 16],
    );
    assert.equal(page.nextBefore, 16);
    const filtered = await listAudit(database.db, { limit: 100, actor: 'user1' });
    assert.ok(filtered.entries.every((e) => e.actor === 'user1'));
  });

  test('appends from three processes at once keep one gapless chain', async () => {
    const { database, url } = await fresh();
    await Promise.all(
      ['a', 'b', 'c'].map((label) =>
        runTs('test/fixtures/append-audit.ts', [url, '30', label], { check: true }),
      ),
    );
    const result = await verifyAudit(database.db);
    assert.equal(result.ok, true, result.reason ?? '');
    assert.equal(result.checked, 90);
  });

  test('the database refuses updates and deletes of audit rows', async () => {
    const { database } = await fresh();
    await appendAudit(database.db, record(1));
    await assert.rejects(
      () => database.db.updateTable('audit_log').set({ actor: 'mallory' }).execute(),
      /append-only/,
    );
    await assert.rejects(() => database.db.deleteFrom('audit_log').execute(), /append-only/);
  });

  test('a modified row is found even when the attacker bypasses the trigger', async () => {
    const { database } = await fresh();
    for (let i = 1; i <= 10; i += 1) await appendAudit(database.db, record(i));
    await dropTriggers(database.db, dialect.name);
    await database.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 4).execute();
    const result = await verifyAudit(database.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, 4);
    assert.match(result.reason ?? '', /modified/);
  });

  test('a rehashed row still breaks the link to the next one', async () => {
    const { database } = await fresh();
    for (let i = 1; i <= 5; i += 1) await appendAudit(database.db, record(i));
    await dropTriggers(database.db, dialect.name);
    await database.db
      .updateTable('audit_log')
      .set({ hash: 'f'.repeat(64) })
      .where('seq', '=', 2)
      .execute();
    const result = await verifyAudit(database.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBadSeq, 2);
  });

  test('deleted rows, in the middle or at the end, are found', async () => {
    const { database } = await fresh();
    for (let i = 1; i <= 6; i += 1) await appendAudit(database.db, record(i));
    await dropTriggers(database.db, dialect.name);
    await database.db.deleteFrom('audit_log').where('seq', '=', 6).execute();
    const tail = await verifyAudit(database.db);
    assert.equal(tail.ok, false);
    assert.match(tail.reason ?? '', /removed from the end/);
    await database.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    const middle = await verifyAudit(database.db);
    assert.equal(middle.firstBadSeq, 4);
    assert.match(middle.reason ?? '', /missing/);
  });
});

async function dropTriggers(db: Parameters<typeof verifyAudit>[0], dialect: string): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
  } else {
    await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(db);
  }
}
