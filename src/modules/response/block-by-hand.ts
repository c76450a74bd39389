import { AppError } from '../../platform/errors.ts';
import type { Block, CreateBlockRequest } from '../../protocol/blocks.ts';
import { durationSeconds, ladderStep } from '../../protocol/response-config.ts';
import type { Deps } from '../deps.ts';
import { allowlistEntryFor } from './allowlist-entry-for.ts';
import { canonicalAddress } from './canonical-address.ts';
import { describeAllowlistEntry } from './describe-allowlist-entry.ts';
import { effectiveAllowlist } from './effective-allowlist.ts';
import { agentsInScope, type FirewallAgent } from './firewall-agent.ts';
import { recordBlock } from './record-block.ts';
import { toBlock } from './to-block.ts';

export interface ManualBlock {
  block: Block;
  agents: FirewallAgent[];
}

/**
 * A block made by a person (API, console or CLI). Refused for an allowlisted address, and for a
 * scope that names no host, which is almost always a typing mistake.
 */
export async function blockByHand(
  deps: Deps,
  request: CreateBlockRequest,
  createdBy: string,
  now: Date,
): Promise<ManualBlock> {
  const { db } = deps.database;
  const address = canonicalAddress(request.address);
  if (address === undefined) throw new AppError('validation_failed', `${request.address} is not an address`);
  const spared = allowlistEntryFor(address, await effectiveAllowlist(db, deps.config));
  if (spared)
    throw new AppError('conflict', `${address} is never blocked: ${describeAllowlistEntry(spared)}`);
  const { scope } = request;
  const agents = await agentsInScope(db, scope);
  if (typeof scope === 'object' && 'group' in scope && agents.length === 0)
    throw new AppError('validation_failed', `no enrolled host is in group ${scope.group}`);
  const missing =
    typeof scope === 'object' && 'agents' in scope
      ? scope.agents.filter((id) => !agents.some((agent) => agent.id === id))
      : [];
  if (missing.length > 0)
    throw new AppError('validation_failed', `no enrolled host has agent id ${missing.join(', ')}`);
  const seconds =
    request.durationSeconds === undefined
      ? durationSeconds(ladderStep(deps.config.response.durations, 1))
      : request.durationSeconds;
  const recorded = await recordBlock(
    deps,
    {
      address,
      scope,
      expiresAt: seconds === null ? null : new Date(now.getTime() + seconds * 1000),
      reason: request.reason.trim(),
      alertId: null,
      ruleId: null,
      createdBy,
      level: 0,
    },
    agents,
    now,
  );
  const hostnames = new Map(recorded.agents.map((agent) => [agent.id, agent.hostname]));
  return { block: toBlock(recorded.row, now, hostnames), agents: recorded.agents };
}
