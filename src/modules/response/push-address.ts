import type { Deps } from '../deps.ts';
import { queueTask } from '../tasks/queue-task.ts';
import { activeBlocks } from './active-blocks.ts';
import type { FirewallAgent } from './firewall-agent.ts';
import { firewallEntries } from './firewall-entries.ts';

/** A firewall change is a few nft elements; a minute is ample even on a slow host. */
const firewallTaskSeconds = 60;

/**
 * Tells each agent what its firewall must now hold for the address: blocked until the last
 * active block that covers it ends, or, with none left, unblocked. Returns how many tasks were
 * queued: none without the task-signing key (the hosts get the list at their next sync).
 */
export async function pushAddress(
  deps: Deps,
  address: string,
  agents: readonly FirewallAgent[],
  createdBy: string | null,
  now: Date,
): Promise<number> {
  const key = deps.taskSigningKey;
  if (!key || agents.length === 0) return 0;
  const blocks = await activeBlocks(deps.database.db, now, address);
  for (const agent of agents) {
    const [entry] = firewallEntries(blocks, agent);
    const change = entry
      ? { kind: 'firewall.block' as const, params: { blocks: [entry] } }
      : { kind: 'firewall.unblock' as const, params: { addresses: [address] } };
    await queueTask(
      deps.database.db,
      key,
      { ...change, agentId: agent.id, timeoutSeconds: firewallTaskSeconds, createdBy },
      now,
    );
  }
  return agents.length;
}
