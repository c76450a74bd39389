import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Random } from '../../platform/ids.ts';
import type { Role } from '../../protocol/roles.ts';
import type { User } from '../../protocol/users.ts';
import type { DB } from '../../store/schema.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { passwordProblems } from '../auth/password-policy.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import { insertUser, setPasswordHash } from './store.ts';

export function assertPasswordAcceptable(password: string, username: string): void {
  const problems = passwordProblems(password, { username });
  if (problems.length > 0) {
    throw new AppError('weak_password', `password ${problems.join('; ')}`, {
      issues: problems.map((message) => ({ path: 'password', message })),
    });
  }
}

export interface CreateAccount {
  username: string;
  displayName?: string | undefined;
  role: Role;
  password: string;
}

/** Checks the policy before hashing so a refused password costs no argon2 time. */
export async function createAccount(
  db: Kysely<DB>,
  random: Random,
  now: Date,
  input: CreateAccount,
): Promise<User> {
  assertPasswordAcceptable(input.password, input.username);
  return insertUser(db, {
    id: random.uuid(),
    username: input.username,
    displayName: input.displayName ?? input.username,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    at: now.toISOString(),
  });
}

/** Sets a new password and ends every other session of that user. */
export async function changePassword(
  db: Kysely<DB>,
  user: { id: string; username: string },
  password: string,
  now: Date,
  keepSessionId?: string,
): Promise<void> {
  assertPasswordAcceptable(password, user.username);
  await setPasswordHash(db, user.id, await hashPassword(password), now.toISOString());
  await deleteUserSessions(db, user.id, keepSessionId);
}
