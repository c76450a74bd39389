import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachDialect } from '../helpers/test-database.ts';
import { runTs, type RunResult } from '../helpers/run-ts.ts';

function vigil(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<RunResult> {
  return runTs('src/cli/main.ts', args, options);
}

test('--help lists every command', async () => {
  const { code, stdout } = await vigil(['--help']);
  assert.equal(code, 0);
  for (const command of ['serve', 'config', 'migrate', 'users', 'tokens', 'audit']) {
    assert.match(stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
  }
});

test('usage errors exit 2 with a one-line reason', async () => {
  const unknown = await vigil(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  const badPort = await vigil(['serve', '--port', 'http']);
  assert.equal(badPort.code, 2);
  assert.match(badPort.stderr, /--port: expected 0–65535, got "http"/);
  const badFormat = await vigil(['users', 'list', '--format', 'xml']);
  assert.equal(badFormat.code, 2);
  assert.equal(badFormat.stderr.trim().split('\n').length <= 2, true);
});

test('config check names the bad key and exits 2, or prints the effective config', async () => {
  const bad = join(process.env.TMPDIR ?? '/tmp', `vigil-bad-${process.pid}.yaml`);
  writeFileSync(bad, 'server:\n  prot: 80\n');
  const failed = await vigil(['config', 'check', bad]);
  assert.equal(failed.code, 2);
  assert.equal(failed.stderr, `vigil: ${bad}: unknown key "server.prot"\n`);
  const good = join(process.env.TMPDIR ?? '/tmp', `vigil-good-${process.pid}.yaml`);
  writeFileSync(good, 'server:\n  port: 9000\n');
  const ok = await vigil(['config', 'check', good], {
    env: { VIGIL_DATABASE_URL: 'postgres://u:secret@h/db' },
  });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /"port": 9000/);
  assert.doesNotMatch(ok.stdout, /secret/, 'the database URL may hold a password');
});

describeEachDialect('CLI against a database', (dialect, fresh) => {
  test('users create, list in every format, and refuse a weak password with exit 2', async () => {
    const db = await fresh();
    const common = ['--data-dir', db.dataDir, '--database-url', db.url];
    const created = await vigil(
      [...common, 'users', 'create', 'alice', '--role', 'analyst', '--password-stdin'],
      {
        input: 'a-perfectly-fine-passphrase\n',
      },
    );
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'created alice (analyst)\n');
    const generated = await vigil([...common, 'users', 'create', 'bob', '--role', 'auditor']);
    assert.match(generated.stdout, /^password: [A-Za-z0-9_-]{32}$/m);
    const weak = await vigil([...common, 'users', 'create', 'carol', '--role', 'admin', '--password-stdin'], {
      input: 'password\n',
    });
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /^vigil: password must be at least 15 characters/);
    const table = await vigil([...common, 'users', 'list']);
    assert.match(table.stdout, /^USERNAME\s+NAME\s+ROLE\s+STATUS\s+LAST LOGIN$/m);
    assert.match(table.stdout, /^alice\s+alice\s+analyst\s+active\s+-$/m);
    const json = JSON.parse((await vigil([...common, 'users', 'list', '--format', 'json'])).stdout) as {
      username: string;
    }[];
    assert.deepEqual(
      json.map((u) => u.username),
      ['alice', 'bob'],
    );
    const jsonl = (await vigil([...common, 'users', 'list', '--format', 'jsonl'])).stdout.trim().split('\n');
    assert.equal(jsonl.length, 2);
  });

  test('audit verify exits 0 on an intact chain and 1 on a tampered one; CLI changes are audited', async () => {
    const db = await fresh();
    const common = ['--data-dir', db.dataDir, '--database-url', db.url];
    await vigil([...common, 'users', 'create', 'dave', '--role', 'analyst']);
    await vigil([...common, 'users', 'disable', 'dave']);
    const listed = JSON.parse((await vigil([...common, 'audit', 'list', '--format', 'json'])).stdout) as {
      action: string;
      actor: string;
    }[];
    assert.deepEqual(
      listed.map((e) => e.action),
      ['users.disable', 'users.create'],
    );
    assert.match(listed[0]?.actor ?? '', /^cli:/);
    const intact = await vigil([...common, 'audit', 'verify']);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /^audit chain intact: 2 entries/);
    if (dialect.name === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(db.database.db);
    else await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(db.database.db);
    await db.database.db.updateTable('audit_log').set({ target: 'eve' }).where('seq', '=', 1).execute();
    const broken = await vigil([...common, 'audit', 'verify', '--format', 'json']);
    assert.equal(broken.code, 1);
    const result = JSON.parse(broken.stdout) as { ok: boolean; firstBadSeq: number };
    assert.deepEqual([result.ok, result.firstBadSeq], [false, 1]);
    const exported = await vigil([...common, 'audit', 'export']);
    assert.equal(exported.stdout.trim().split('\n').length, 2);
  });

  test('agents token create, list and revoke; an unknown id is a one-line error', async () => {
    const db = await fresh();
    const common = ['--data-dir', db.dataDir, '--database-url', db.url];
    const created = await vigil([
      ...common,
      'agents',
      'token',
      'create',
      '--group',
      'lab',
      '--max-uses',
      '2',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^vigil-enroll\.[A-Za-z0-9_-]+\n$/);
    const id = /enrollment token ([0-9a-f]+) for group "lab"/.exec(created.stderr)?.[1];
    assert.ok(id, created.stderr);
    const revoked = await vigil([...common, 'agents', 'token', 'revoke', id]);
    assert.equal(revoked.stdout, `revoked enrollment token ${id} (group lab)\n`);
    const listed = JSON.parse(
      (await vigil([...common, 'agents', 'token', 'list', '--format', 'json'])).stdout,
    ) as {
      id: string;
      revokedAt: string | null;
    }[];
    assert.ok(listed.find((t) => t.id === id)?.revokedAt);
    const unknown = await vigil([...common, 'agents', 'token', 'revoke', 'nope']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'vigil: no enrollment token with id nope\n');
  });

  test('several processes migrating one empty database at once all succeed', async () => {
    const db = await dialect.create({ migrate: false });
    try {
      const common = ['--data-dir', db.dataDir, '--database-url', db.url];
      const results = await Promise.all([1, 2, 3].map(() => vigil([...common, 'migrate'])));
      for (const result of results) assert.equal(result.code, 0, result.stderr);
      const head = await db.database.db.selectFrom('audit_head').selectAll().execute();
      assert.equal(head.length, 1, 'the migration ran exactly once');
    } finally {
      await db.dispose();
    }
  });
});
