import type { BlockScope } from '../../protocol/blocks.ts';
import type { BlockRow } from '../../store/schema.ts';
import type { Deps } from '../deps.ts';
import type { FirewallAgent } from './firewall-agent.ts';
import { pushAddress } from './push-address.ts';

export interface NewBlock {
  /** Canonical, and checked against the allowlist by the caller. */
  address: string;
  scope: BlockScope;
  expiresAt: Date | null;
  reason: string;
  alertId: string | null;
  ruleId: string | null;
  createdBy: string;
  level: number;
}

export interface RecordedBlock {
  row: BlockRow;
  /** The hosts told to block it. */
  agents: FirewallAgent[];
}

/** Stores the block, then queues it for `agents`: the hosts its scope names now (agentsInScope). */
export async function recordBlock(
  deps: Deps,
  block: NewBlock,
  agents: FirewallAgent[],
  now: Date,
): Promise<RecordedBlock> {
  const row: BlockRow = {
    id: deps.random.uuid(),
    address: block.address,
    reason: block.reason,
    alert_id: block.alertId,
    rule_id: block.ruleId,
    scope: JSON.stringify(block.scope),
    created_by: block.createdBy,
    created_at: now.toISOString(),
    expires_at: block.expiresAt?.toISOString() ?? null,
    level: block.level,
    lifted_at: null,
    lifted_by: null,
    lift_reason: null,
  };
  await deps.database.db.insertInto('blocks').values(row).execute();
  await pushAddress(deps, block.address, agents, block.createdBy, now);
  return { row, agents };
}
