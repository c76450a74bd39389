import type { Deps } from '../deps.ts';
import { findFirewallAgent } from './firewall-agent.ts';
import { syncFirewall } from './sync-firewall.ts';

/**
 * An agent polls again as soon as a poll answers, and a poll waits at most 25 s, so one that
 * has not polled for this long was away: stopped, rebooted, cut off, or the server was down.
 */
const awayAfterMs = 40_000;

/**
 * For the task poll (`beforePoll`): an agent that restarted or was away may have lost its
 * firewall state or missed tasks, so it gets its whole block list before anything else; the
 * server is the truth. Poll times are kept in the database, so this holds across server restarts
 * and processes. An agent that reported a task result since its last poll was busy running
 * tasks, not away, so a long task (a large sync among them) does not bring another sync.
 * Resolves true when the agent restarted or was away, so the server can restore other state the
 * host lost with it (firewall policies).
 */
export function createFirewallReconciler(deps: Deps) {
  const { db } = deps.database;
  return async (agentId: string, restarted: boolean): Promise<boolean> => {
    const now = deps.clock.now();
    const iso = now.toISOString();
    if (!restarted) {
      const polled = await db
        .updateTable('firewall_agents')
        .set({ last_poll_at: iso })
        .where('agent_id', '=', agentId)
        .where('last_poll_at', '>=', new Date(now.getTime() - awayAfterMs).toISOString())
        .executeTakeFirst();
      if (Number(polled.numUpdatedRows) > 0) return false;
    }
    const previous = await db
      .selectFrom('firewall_agents')
      .select('last_poll_at')
      .where('agent_id', '=', agentId)
      .executeTakeFirst();
    await db
      .insertInto('firewall_agents')
      .values({ agent_id: agentId, last_poll_at: iso })
      .onConflict((oc) => oc.column('agent_id').doUpdateSet({ last_poll_at: iso }))
      .execute();
    if (!restarted && previous) {
      const busy = await db
        .selectFrom('agent_tasks')
        .select('id')
        .where('agent_id', '=', agentId)
        .where('finished_at', '>=', previous.last_poll_at)
        .limit(1)
        .executeTakeFirst();
      if (busy) return false;
    }
    const agent = await findFirewallAgent(db, agentId);
    if (agent && (await syncFirewall(deps, agent, now)))
      deps.logger.info({ agentId, restarted }, 'sent the agent its whole block list');
    return true;
  };
}
