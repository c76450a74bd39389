import type { LocalUser } from '../../protocol/inventory.ts';

/**
 * Names a uid the way the system does (the first passwd entry wins), or
 * gives the digits, as ps does, when no entry has it.
 */
export function uidNamer(users: readonly LocalUser[]): (uid: number) => string {
  const names = new Map<number, string>();
  for (const user of users) if (!names.has(user.uid)) names.set(user.uid, user.name);
  return (uid) => names.get(uid) ?? String(uid);
}
