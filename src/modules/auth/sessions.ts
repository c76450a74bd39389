import type { Kysely } from 'kysely';
import { needsTouch } from '../../platform/clock.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { sha256Hex, type Random } from '../../platform/ids.ts';
import { rolePermissions, type Role } from '../../protocol/roles.ts';
import type { DB } from '../../store/schema.ts';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A fresh random id on every login, so a session id planted before login is worthless. */
export async function createSession(
  db: Kysely<DB>,
  random: Random,
  now: Date,
  policy: SessionPolicy,
  who: { userId: string; sourceIp: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = random.secret(32);
  const csrfToken = random.secret(32);
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  await db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: who.userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      source_ip: who.sourceIp,
      user_agent: who.userAgent?.slice(0, 512) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function resolveSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<Principal | undefined> {
  const id = sha256Hex(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as userId',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const lastSeen = Date.parse(row.last_seen_at);
  const expired = now.getTime() >= Date.parse(row.expires_at) || now.getTime() - lastSeen >= policy.idleMs;
  if (expired || row.disabled === 1) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  if (needsTouch(row.last_seen_at, now)) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  const role = row.role as Role;
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    role,
    permissions: rolePermissions[role],
    authMethod: 'session',
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
  };
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends a user's sessions, except optionally the one making the request. */
export async function deleteUserSessions(
  db: Kysely<DB>,
  userId: string,
  keepSessionId?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId !== undefined) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

export async function purgeExpiredSessions(
  db: Kysely<DB>,
  now: Date,
  policy: SessionPolicy,
): Promise<number> {
  const idleCutoff = new Date(now.getTime() - policy.idleMs).toISOString();
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<=', idleCutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countActiveSessions(db: Kysely<DB>, now: Date, policy: SessionPolicy): Promise<number> {
  const idleCutoff = new Date(now.getTime() - policy.idleMs).toISOString();
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('expires_at', '>', now.toISOString())
    .where('last_seen_at', '>', idleCutoff)
    .executeTakeFirst();
  return row?.n ?? 0;
}

export function sessionPolicy(auth: {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}): SessionPolicy {
  return { idleMs: auth.sessionIdleMinutes * 60_000, absoluteMs: auth.sessionAbsoluteHours * 3_600_000 };
}
