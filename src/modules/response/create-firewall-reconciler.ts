import type { Deps } from '../deps.ts';
import { findFirewallAgent } from './firewall-agent.ts';
import { syncFirewall } from './sync-firewall.ts';

/**
 * For the task poll (`beforePoll`): an agent that restarted, or that had not polled for longer
 * than `agents.offlineAfterSeconds` (it was off, its host rebooted, or the server was down), may
 * have lost its firewall state or missed tasks, so it gets its whole block list before anything
 * else. The server is the truth. Polls are timed in the database, so this holds across server
 * restarts and processes; restarts are seen only by the process that served the old poll.
 */
export function createFirewallReconciler(deps: Deps) {
  const { db } = deps.database;
  const awayMs = deps.config.agents.offlineAfterSeconds * 1000;
  return async (agentId: string, restarted: boolean): Promise<void> => {
    const now = deps.clock.now();
    const iso = now.toISOString();
    if (!restarted) {
      const polled = await db
        .updateTable('firewall_agents')
        .set({ last_poll_at: iso })
        .where('agent_id', '=', agentId)
        .where('last_poll_at', '>=', new Date(now.getTime() - awayMs).toISOString())
        .executeTakeFirst();
      if (Number(polled.numUpdatedRows) > 0) return;
    }
    await db
      .insertInto('firewall_agents')
      .values({ agent_id: agentId, last_poll_at: iso })
      .onConflict((oc) => oc.column('agent_id').doUpdateSet({ last_poll_at: iso }))
      .execute();
    const agent = await findFirewallAgent(db, agentId);
    if (agent && (await syncFirewall(deps, agent, now)))
      deps.logger.info({ agentId, restarted }, 'sent the agent its whole block list');
  };
}
