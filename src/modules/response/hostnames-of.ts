import type { Kysely } from 'kysely';
import type { BlockRow, DB } from '../../store/schema.ts';
import { parseScope } from './to-block.ts';

/** Agent id → hostname for every agent the blocks' scopes name. */
export async function hostnamesOf(db: Kysely<DB>, rows: readonly BlockRow[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const row of rows) {
    const scope = parseScope(row.scope);
    if (typeof scope === 'object' && 'agents' in scope) scope.agents.forEach((id) => ids.add(id));
  }
  if (ids.size === 0) return new Map();
  const agents = await db
    .selectFrom('agents')
    .select(['id', 'hostname'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(agents.map((agent) => [agent.id, agent.hostname]));
}
