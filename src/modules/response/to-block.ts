import { BlockScope, type Block } from '../../protocol/blocks.ts';
import type { BlockRow } from '../../store/schema.ts';

export function parseScope(text: string): BlockScope {
  return BlockScope.parse(JSON.parse(text));
}

/** Not lifted, and not past its end (the hosts drop it then on their own). */
export function isActive(row: Pick<BlockRow, 'lifted_at' | 'expires_at'>, now: Date): boolean {
  return row.lifted_at === null && (row.expires_at === null || row.expires_at > now.toISOString());
}

/** `hostnames`: agent id → hostname, for the hosts a scope of agents names. */
export function toBlock(row: BlockRow, now: Date, hostnames: ReadonlyMap<string, string>): Block {
  const scope = parseScope(row.scope);
  return {
    id: row.id,
    address: row.address,
    reason: row.reason,
    alertId: row.alert_id,
    ruleId: row.rule_id,
    scope,
    hosts:
      typeof scope === 'object' && 'agents' in scope
        ? scope.agents.map((id) => ({ id, hostname: hostnames.get(id) ?? null }))
        : [],
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    level: row.level,
    active: isActive(row, now),
    liftedAt: row.lifted_at,
    liftedBy: row.lifted_by,
    liftReason: row.lift_reason,
  };
}
