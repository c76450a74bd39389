import type { Kysely } from 'kysely';
import { needsTouch } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { constantTimeEqual, sha256Hex, type Random } from '../../platform/ids.ts';
import { rolePermissions, type Permission, type Role } from '../../protocol/roles.ts';
import { tokenPrefix, type ApiToken, type CreatedToken } from '../../protocol/tokens.ts';
import type { ApiTokenRow, DB } from '../../store/schema.ts';

/*
 * Token format: `vgl_<24 hex id>_<secret>`. The id finds the row; only a
 * SHA-256 of the 256-bit secret is stored (a slow hash adds nothing at that
 * entropy), compared in constant time.
 */
const tokenPattern = /^vgl_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

function toApiToken(row: ApiTokenRow & { username: string }): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    username: row.username,
    scopes: JSON.parse(row.scopes) as Permission[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export interface NewToken {
  owner: { id: string; username: string; role: Role };
  name: string;
  scopes: Permission[];
  expiresAt: Date | null;
  now: Date;
}

export async function createToken(db: Kysely<DB>, random: Random, input: NewToken): Promise<CreatedToken> {
  const allowed = rolePermissions[input.owner.role];
  const beyond = input.scopes.filter((scope) => !allowed.includes(scope));
  if (beyond.length > 0) {
    throw new AppError('forbidden', `a token cannot carry permissions its owner lacks: ${beyond.join(', ')}`);
  }
  const id = Buffer.from(random.secret(12), 'base64url').toString('hex');
  const secret = random.secret(32);
  const row: ApiTokenRow = {
    id,
    user_id: input.owner.id,
    name: input.name,
    secret_hash: sha256Hex(secret),
    scopes: JSON.stringify([...new Set(input.scopes)].sort()),
    created_at: input.now.toISOString(),
    expires_at: input.expiresAt?.toISOString() ?? null,
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return {
    ...toApiToken({ ...row, username: input.owner.username }),
    token: `${tokenPrefix}${id}_${secret}`,
  };
}

function tokensQuery(db: Kysely<DB>) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select('users.username');
}

/** Lists one user's tokens, or everyone's when `userId` is undefined. */
export async function listTokens(db: Kysely<DB>, userId: string | undefined): Promise<ApiToken[]> {
  let q = tokensQuery(db).orderBy('api_tokens.created_at', 'desc');
  if (userId !== undefined) q = q.where('api_tokens.user_id', '=', userId);
  return (await q.execute()).map(toApiToken);
}

export async function countLiveTokens(db: Kysely<DB>, now: Date): Promise<number> {
  const row = await db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** Revokes a token; `ownerId` limits it to that user's tokens. */
export async function revokeToken(
  db: Kysely<DB>,
  id: string,
  ownerId: string | undefined,
  now: Date,
): Promise<ApiToken> {
  let q = tokensQuery(db).where('api_tokens.id', '=', id);
  if (ownerId !== undefined) q = q.where('api_tokens.user_id', '=', ownerId);
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found', `no token with id ${id}`);
  const revokedAt = row.revoked_at ?? now.toISOString();
  await db.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
  return toApiToken({ ...row, revoked_at: revokedAt });
}

export async function resolveToken(
  db: Kysely<DB>,
  presented: string,
  now: Date,
): Promise<Principal | undefined> {
  const match = tokenPattern.exec(presented);
  if (!match) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.secret_hash',
      'api_tokens.scopes',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as userId',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled',
    ])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
  if (!row || !constantTimeEqual(row.secret_hash, sha256Hex(secret))) return undefined;
  if (row.revoked_at !== null || row.disabled === 1) return undefined;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return undefined;
  if (needsTouch(row.last_used_at, now)) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  const role = row.role as Role;
  const scopes = JSON.parse(row.scopes) as Permission[];
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    role,
    // A role downgrade narrows existing tokens at once.
    permissions: rolePermissions[role].filter((p) => scopes.includes(p)),
    authMethod: 'token',
    tokenId: id,
  };
}
