import type { Deps } from '../deps.ts';
import { queueTask } from '../tasks/queue-task.ts';
import { activeBlocks } from './active-blocks.ts';
import type { FirewallAgent } from './firewall-agent.ts';
import { firewallEntries } from './firewall-entries.ts';

/** Loading a long list into nft is one batch, but give a slow host room. */
const syncTaskSeconds = 300;

/**
 * Queues `firewall.sync` with everything the agent's firewall must hold; the host drops anything
 * else in Vigil's sets. A host that holds nothing and was never told to block anything gets no
 * task. True when a task was queued.
 */
export async function syncFirewall(deps: Deps, agent: FirewallAgent, now: Date): Promise<boolean> {
  const { db } = deps.database;
  const key = deps.taskSigningKey;
  if (!key) return false;
  const blocks = firewallEntries(await activeBlocks(db, now), agent);
  if (blocks.length === 0) {
    const told = await db
      .selectFrom('agent_tasks')
      .select('id')
      .where('agent_id', '=', agent.id)
      .where('kind', 'in', ['firewall.block', 'firewall.unblock', 'firewall.sync'])
      .limit(1)
      .executeTakeFirst();
    if (!told) return false;
  }
  await queueTask(
    db,
    key,
    {
      kind: 'firewall.sync',
      params: { blocks },
      agentId: agent.id,
      timeoutSeconds: syncTaskSeconds,
      createdBy: null,
    },
    now,
  );
  return true;
}
