import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertLoginAllowed,
  clearAccountFailures,
  recordLoginFailure,
} from '../../src/modules/auth/login-throttle.ts';
import { createSession, resolveSession, purgeExpiredSessions } from '../../src/modules/auth/sessions.ts';
import { createToken, resolveToken } from '../../src/modules/tokens/store.ts';
import { createAccount } from '../../src/modules/users/accounts.ts';
import { updateUser } from '../../src/modules/users/store.ts';
import { systemRandom } from '../../src/platform/ids.ts';
import { AppError } from '../../src/platform/errors.ts';
import { describeEachDialect } from '../helpers/test-database.ts';

const minute = 60_000;
const policy = { idleMs: 30 * minute, absoluteMs: 12 * 60 * minute };
const start = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describeEachDialect('sessions, tokens and throttling', (_dialect, fresh) => {
  async function user(
    db: Awaited<ReturnType<typeof fresh>>['database']['db'],
    role: 'admin' | 'analyst' = 'analyst',
  ) {
    return createAccount(db, systemRandom, start, {
      username: `u${Math.random().toString(36).slice(2, 8)}`,
      role,
      password: 'a-perfectly-fine-passphrase',
    });
  }

  test('a session ends after the idle timeout, and activity keeps it alive', async () => {
    const { database } = await fresh();
    const owner = await user(database.db);
    const session = await createSession(database.db, systemRandom, start, policy, {
      userId: owner.id,
      sourceIp: null,
      userAgent: null,
    });
    assert.equal(
      (await resolveSession(database.db, session.token, at(20 * minute), policy))?.username,
      owner.username,
    );
    assert.ok(await resolveSession(database.db, session.token, at(45 * minute), policy), 'touched at 20 min');
    assert.equal(await resolveSession(database.db, session.token, at(80 * minute), policy), undefined);
    assert.equal(
      await resolveSession(database.db, session.token, at(81 * minute), policy),
      undefined,
      'gone for good',
    );
  });

  test('a session ends at the absolute timeout however active it is', async () => {
    const { database } = await fresh();
    const owner = await user(database.db);
    const session = await createSession(database.db, systemRandom, start, policy, {
      userId: owner.id,
      sourceIp: null,
      userAgent: null,
    });
    for (let t = 20; t < 12 * 60; t += 20) {
      assert.ok(
        await resolveSession(database.db, session.token, at(t * minute), policy),
        `alive at ${t} min`,
      );
    }
    assert.equal(await resolveSession(database.db, session.token, at(12 * 60 * minute), policy), undefined);
  });

  test('disabling a user ends their sessions and tokens; purge removes expired rows', async () => {
    const { database } = await fresh();
    const owner = await user(database.db);
    const session = await createSession(database.db, systemRandom, start, policy, {
      userId: owner.id,
      sourceIp: null,
      userAgent: null,
    });
    const token = await createToken(database.db, systemRandom, {
      owner: { id: owner.id, username: owner.username, role: 'analyst' },
      name: 't',
      scopes: ['audit:read'],
      expiresAt: null,
      now: start,
    });
    assert.ok(await resolveToken(database.db, token.token, start));
    await updateUser(database.db, owner.id, { disabled: true }, start.toISOString());
    assert.equal(await resolveSession(database.db, session.token, at(minute), policy), undefined);
    assert.equal(await resolveToken(database.db, token.token, at(minute)), undefined);
    await createSession(database.db, systemRandom, start, policy, {
      userId: owner.id,
      sourceIp: null,
      userAgent: null,
    });
    assert.equal(await purgeExpiredSessions(database.db, at(31 * minute), policy), 1);
  });

  test('tokens expire, and a tampered secret is refused', async () => {
    const { database } = await fresh();
    const owner = await user(database.db, 'admin');
    const token = await createToken(database.db, systemRandom, {
      owner: { id: owner.id, username: owner.username, role: 'admin' },
      name: 'short-lived',
      scopes: ['users:read', 'audit:read'],
      expiresAt: at(60 * minute),
      now: start,
    });
    const principal = await resolveToken(database.db, token.token, at(59 * minute));
    assert.deepEqual(principal?.permissions, ['users:read', 'audit:read']);
    assert.equal(await resolveToken(database.db, token.token, at(60 * minute)), undefined);
    const flipped = token.token.slice(0, -1) + (token.token.endsWith('A') ? 'B' : 'A');
    assert.equal(await resolveToken(database.db, flipped, at(minute)), undefined);
    assert.equal(await resolveToken(database.db, 'vgl_garbage', at(minute)), undefined);
  });

  test('throttling counts per account and per address within the window, then forgets', async () => {
    const { database } = await fresh();
    const limits = { windowMinutes: 15, accountMaxFailures: 3, ipMaxFailures: 5 };
    const keys = { account: 'Alice', ip: '198.51.100.7' };
    for (let i = 0; i < 3; i += 1) await recordLoginFailure(database.db, keys, limits, at(i * minute));
    await assert.rejects(
      () => assertLoginAllowed(database.db, { account: 'alice', ip: null }, limits, at(5 * minute)),
      (error: unknown) =>
        error instanceof AppError && error.code === 'rate_limited' && error.headers['Retry-After'] === '600',
    );
    await assertLoginAllowed(database.db, { account: 'alice', ip: null }, limits, at(16 * minute));
    for (let i = 0; i < 2; i += 1)
      await recordLoginFailure(database.db, { account: 'bob', ip: keys.ip }, limits, at(2 * minute));
    await assert.rejects(() =>
      assertLoginAllowed(database.db, { account: 'carol', ip: keys.ip }, limits, at(3 * minute)),
    );
    await recordLoginFailure(database.db, keys, limits, at(20 * minute));
    await clearAccountFailures(database.db, 'ALICE');
    await assertLoginAllowed(database.db, { account: 'alice', ip: null }, limits, at(21 * minute));
  });

  test('two admins demoting each other at once cannot leave no admin', async () => {
    const { database } = await fresh();
    // Repeated, because a race shows only when the two transactions overlap.
    for (let round = 0; round < 10; round += 1) {
      const a = await user(database.db, 'admin');
      const b = await user(database.db, 'admin');
      const results = await Promise.allSettled(
        [a, b].map((admin) => updateUser(database.db, admin.id, { role: 'analyst' }, start.toISOString())),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'], `round ${round}`);
      const rejected = results.find((r) => r.status === 'rejected');
      assert.ok(rejected && rejected.reason instanceof AppError && rejected.reason.code === 'conflict');
      const survivor = results[0]?.status === 'rejected' ? a : b;
      await database.db.deleteFrom('users').where('id', '=', survivor.id).execute();
    }
  });
});
