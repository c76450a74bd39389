import type { FirewallBlockEntry } from '../../protocol/firewall.ts';
import type { BlockRow } from '../../store/schema.ts';
import { scopeCovers, type FirewallAgent } from './firewall-agent.ts';
import { parseScope } from './to-block.ts';

/**
 * What the agent's firewall must hold for these active blocks: one entry per address, ending
 * with the last block that covers the host (never, if one is permanent), so a shorter block
 * made later cannot cut a longer one short on the host.
 */
export function firewallEntries(blocks: readonly BlockRow[], agent: FirewallAgent): FirewallBlockEntry[] {
  const ends = new Map<string, string | null>();
  for (const block of blocks) {
    if (!scopeCovers(parseScope(block.scope), agent)) continue;
    const known = ends.get(block.address);
    if (known === undefined) ends.set(block.address, block.expires_at);
    else if (known !== null && (block.expires_at === null || block.expires_at > known))
      ends.set(block.address, block.expires_at);
  }
  return [...ends].map(([address, expiresAt]) => ({ address, expiresAt }));
}
