import type { Kysely } from 'kysely';
import type { BlockScope } from '../../protocol/blocks.ts';
import type { AgentRow, DB } from '../../store/schema.ts';

/** What blocking needs to know of a host. */
export type FirewallAgent = Pick<AgentRow, 'id' | 'hostname' | 'group_name'>;

/** Whether a block of this scope belongs on the agent's firewall. */
export function scopeCovers(scope: BlockScope, agent: FirewallAgent): boolean {
  if (scope === 'all') return true;
  return 'group' in scope ? scope.group === agent.group_name : scope.agents.includes(agent.id);
}

/** The unrevoked agents a scope names now. */
export function agentsInScope(db: Kysely<DB>, scope: BlockScope): Promise<FirewallAgent[]> {
  let select = db
    .selectFrom('agents')
    .select(['id', 'hostname', 'group_name'])
    .where('revoked_at', 'is', null);
  if (scope !== 'all')
    select =
      'group' in scope
        ? select.where('group_name', '=', scope.group)
        : select.where('id', 'in', scope.agents);
  return select.orderBy('hostname').orderBy('id').execute();
}

/** The agent, unless it is unknown or revoked. */
export function findFirewallAgent(db: Kysely<DB>, id: string): Promise<FirewallAgent | undefined> {
  return db
    .selectFrom('agents')
    .select(['id', 'hostname', 'group_name'])
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
