import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { DB } from '../../store/schema.ts';

export interface ThrottlePolicy {
  windowMinutes: number;
  accountMaxFailures: number;
  ipMaxFailures: number;
}

export interface ThrottleKeys {
  account: string;
  ip: string | null;
}

function keysWithLimits(keys: ThrottleKeys, policy: ThrottlePolicy): [string, number][] {
  const out: [string, number][] = [[`account:${keys.account.toLowerCase()}`, policy.accountMaxFailures]];
  if (keys.ip) out.push([`ip:${keys.ip}`, policy.ipMaxFailures]);
  return out;
}

/**
 * Refuses a login attempt while either the account or the source address has
 * too many recent failures. Kept in the database so every server process
 * shares the count; the limit blocks guessing without locking the owner out
 * for longer than the window.
 */
export async function assertLoginAllowed(
  db: Kysely<DB>,
  keys: ThrottleKeys,
  policy: ThrottlePolicy,
  now: Date,
): Promise<void> {
  const windowMs = policy.windowMinutes * 60_000;
  for (const [key, limit] of keysWithLimits(keys, policy)) {
    const row = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) continue;
    const retryAtMs = Date.parse(row.window_start) + windowMs;
    if (row.failures >= limit && retryAtMs > now.getTime()) {
      const retryAfter = Math.max(1, Math.ceil((retryAtMs - now.getTime()) / 1000));
      throw new AppError('rate_limited', `too many failed sign-ins; try again in ${retryAfter} s`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }
}

export async function recordLoginFailure(
  db: Kysely<DB>,
  keys: ThrottleKeys,
  policy: ThrottlePolicy,
  now: Date,
): Promise<void> {
  const windowStartCutoff = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
  for (const [key] of keysWithLimits(keys, policy)) {
    await db
      .insertInto('login_failures')
      .values({ key, failures: 1, window_start: now.toISOString() })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          // A window that has run out starts again from this failure.
          failures: eb
            .case()
            .when('login_failures.window_start', '<=', windowStartCutoff)
            .then(1)
            .else(eb('login_failures.failures', '+', 1))
            .end(),
          window_start: eb
            .case()
            .when('login_failures.window_start', '<=', windowStartCutoff)
            .then(now.toISOString())
            .else(eb.ref('login_failures.window_start'))
            .end(),
        })),
      )
      .execute();
  }
}

/** A successful sign-in clears the account's count, not the address's. */
export async function clearAccountFailures(db: Kysely<DB>, account: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', `account:${account.toLowerCase()}`).execute();
}
