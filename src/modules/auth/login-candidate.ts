import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../store/schema.ts';

/** Usernames are stored lowercase; sign-in accepts any case. */
export function findLoginCandidate(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function markLoggedIn(db: Kysely<DB>, userId: string, at: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}
