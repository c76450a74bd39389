import type { Kysely } from 'kysely';
import type { AgentRow, DB } from '../../store/schema.ts';

/** What a policy needs to know of a host. */
export type PolicyHost = Pick<AgentRow, 'id' | 'hostname' | 'group_name'>;

/** The unrevoked agents in these groups, by hostname. */
export async function policyHosts(db: Kysely<DB>, groups: readonly string[]): Promise<PolicyHost[]> {
  if (groups.length === 0) return [];
  return db
    .selectFrom('agents')
    .select(['id', 'hostname', 'group_name'])
    .where('revoked_at', 'is', null)
    .where('group_name', 'in', [...groups])
    .orderBy('hostname')
    .orderBy('id')
    .execute();
}
