import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Role } from '../../protocol/roles.ts';
import type { User } from '../../protocol/users.ts';
import type { DB, UserRow } from '../../store/schema.ts';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  at: string;
}

export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<User> {
  const row: UserRow = {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    password_hash: user.passwordHash,
    disabled: 0,
    created_at: user.at,
    updated_at: user.at,
    password_changed_at: user.at,
    last_login_at: null,
  };
  const inserted = await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('username').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new AppError('conflict', `a user named "${user.username}" already exists`);
  }
  return toUser(row);
}

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getUser(db: Kysely<DB>, id: string): Promise<UserRow> {
  const row = await findUserById(db, id);
  if (!row) throw new AppError('not_found', `no user with id ${id}`);
  return row;
}

export async function listUsers(db: Kysely<DB>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return row?.n ?? 0;
}

export interface UserChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

/**
 * Applies changes in one transaction and refuses any that would leave no
 * enabled admin, so nobody can lock the whole company out of Vigil.
 */
export async function updateUser(
  db: Kysely<DB>,
  id: string,
  changes: UserChanges,
  at: string,
): Promise<User> {
  return db.transaction().execute(async (trx) => {
    await lockAdminRoster(trx, at);
    const current = await getUser(trx, id);
    const next = {
      display_name: changes.displayName ?? current.display_name,
      role: changes.role ?? current.role,
      disabled: changes.disabled === undefined ? current.disabled : Number(changes.disabled),
      updated_at: at,
    };
    await trx.updateTable('users').set(next).where('id', '=', id).execute();
    if (isEnabledAdmin(current) && !isEnabledAdmin(next)) await assertAnAdminRemains(trx);
    return toUser({ ...current, ...next });
  });
}

export async function deleteUser(db: Kysely<DB>, id: string, at: string): Promise<UserRow> {
  return db.transaction().execute(async (trx) => {
    await lockAdminRoster(trx, at);
    const current = await getUser(trx, id);
    await trx.deleteFrom('users').where('id', '=', id).execute();
    if (isEnabledAdmin(current)) await assertAnAdminRemains(trx);
    return current;
  });
}

/*
 * Two admins demoting each other at the same moment must not both succeed.
 * Writing one agreed row first makes such transactions take turns: a row lock
 * on PostgreSQL, the database write lock on SQLite.
 */
async function lockAdminRoster(trx: Kysely<DB>, at: string): Promise<void> {
  await trx
    .insertInto('settings')
    .values({ key: 'lock.admin-roster', value: '', updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ updated_at: at }))
    .execute();
}

function isEnabledAdmin(user: { role: string; disabled: number }): boolean {
  return user.role === 'admin' && user.disabled === 0;
}

async function assertAnAdminRemains(db: Kysely<DB>): Promise<void> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirst();
  if ((row?.n ?? 0) === 0) {
    throw new AppError('conflict', 'this would leave no enabled admin; promote another user first');
  }
}

export async function setPasswordHash(
  db: Kysely<DB>,
  id: string,
  passwordHash: string,
  at: string,
): Promise<void> {
  const result = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: at, updated_at: at })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', `no user with id ${id}`);
}
