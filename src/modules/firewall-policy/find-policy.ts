import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { FirewallPolicy } from '../../protocol/firewall-policy.ts';
import type { DB, FirewallPolicyRow } from '../../store/schema.ts';

export interface StoredPolicy {
  row: FirewallPolicyRow;
  policy: FirewallPolicy;
}

/** The stored policy, parsed; undefined when there is none of that name. */
export async function findPolicy(db: Kysely<DB>, name: string): Promise<StoredPolicy | undefined> {
  const row = await db
    .selectFrom('firewall_policies')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  return row && { row, policy: FirewallPolicy.parse(JSON.parse(row.policy)) };
}

/** As findPolicy, but 404 when there is none. */
export async function requirePolicy(db: Kysely<DB>, name: string): Promise<StoredPolicy> {
  const found = await findPolicy(db, name);
  if (!found) throw new AppError('not_found', `no firewall policy named "${name}"`);
  return found;
}
