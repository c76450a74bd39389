import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { constantTimeEqual, sha256Hex, type Random } from '../../platform/ids.ts';
import {
  enrollmentTokenPrefix,
  EnrollmentTokenPayload,
  type CreatedEnrollmentToken,
  type EnrollmentToken,
} from '../../protocol/agents.ts';
import type { DB, EnrollmentTokenRow } from '../../store/schema.ts';

function toEnrollmentToken(row: EnrollmentTokenRow): EnrollmentToken {
  return {
    id: row.id,
    group: row.group_name,
    maxUses: row.max_uses,
    uses: row.uses,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export interface NewEnrollmentToken {
  group: string;
  maxUses: number | undefined;
  expiresAt: Date;
  createdBy: string | null;
  now: Date;
  /** Where agents reach this server, and the CA they must pin. */
  serverUrl: string;
  caFingerprint: string | null;
}

/**
 * The token an admin hands to a host: prefix + base64url JSON holding the
 * server URL, CA fingerprint and a secret `<id>_<random>`. Only a hash of the
 * random part is stored.
 */
export async function createEnrollmentToken(
  db: Kysely<DB>,
  random: Random,
  input: NewEnrollmentToken,
): Promise<CreatedEnrollmentToken> {
  const id = Buffer.from(random.secret(9), 'base64url').toString('hex');
  const secret = random.secret(32);
  const row: EnrollmentTokenRow = {
    id,
    secret_hash: sha256Hex(secret),
    group_name: input.group,
    max_uses: input.maxUses ?? null,
    uses: 0,
    created_at: input.now.toISOString(),
    created_by: input.createdBy,
    expires_at: input.expiresAt.toISOString(),
    revoked_at: null,
  };
  await db.insertInto('enrollment_tokens').values(row).execute();
  const payload: EnrollmentTokenPayload = {
    v: 1,
    url: input.serverUrl,
    ca: input.caFingerprint,
    secret: `${id}_${secret}`,
  };
  const token = `${enrollmentTokenPrefix}${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return { ...toEnrollmentToken(row), token };
}

export function decodeEnrollmentToken(token: string): EnrollmentTokenPayload {
  const trimmed = token.trim();
  if (!trimmed.startsWith(enrollmentTokenPrefix) || trimmed.length > 2048) {
    throw new AppError('bad_request', `an enrollment token starts with "${enrollmentTokenPrefix}"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(trimmed.slice(enrollmentTokenPrefix.length), 'base64url').toString('utf8'));
  } catch {
    throw new AppError('bad_request', 'the enrollment token is damaged: not base64url JSON');
  }
  const parsed = EnrollmentTokenPayload.safeParse(json);
  if (!parsed.success)
    throw new AppError('bad_request', 'the enrollment token is damaged: unexpected contents');
  return parsed.data;
}

export async function listEnrollmentTokens(db: Kysely<DB>): Promise<EnrollmentToken[]> {
  const rows = await db.selectFrom('enrollment_tokens').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(toEnrollmentToken);
}

export async function revokeEnrollmentToken(db: Kysely<DB>, id: string, now: Date): Promise<EnrollmentToken> {
  const row = await db.selectFrom('enrollment_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `no enrollment token with id ${id}`);
  const revokedAt = row.revoked_at ?? now.toISOString();
  await db.updateTable('enrollment_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
  return toEnrollmentToken({ ...row, revoked_at: revokedAt });
}

/**
 * Checks the secret and counts one use in a single conditional update, so a
 * single-use token cannot enroll two hosts however fast they race.
 */
export async function consumeEnrollmentSecret(
  db: Kysely<DB>,
  secret: string,
  now: Date,
): Promise<EnrollmentTokenRow> {
  const refused = new AppError(
    'unauthenticated',
    'the enrollment token is invalid, expired, used up or revoked',
  );
  const match = /^([0-9a-f]{18})_([A-Za-z0-9_-]{43})$/.exec(secret);
  if (!match) throw refused;
  const [, id, random] = match as unknown as [string, string, string];
  const row = await db.selectFrom('enrollment_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !constantTimeEqual(row.secret_hash, sha256Hex(random))) throw refused;
  const result = await db
    .updateTable('enrollment_tokens')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw refused;
  return row;
}
