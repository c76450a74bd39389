import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';

/*
 * An agent that falls silent, and one that comes back, each raise one `agent`
 * event on that agent's stream, which later alerting can match like any other
 * event. Ids derive from the silence being reported, so a second server
 * process doing the same sweep stores nothing twice.
 */

async function raise(db: Kysely<DB>, agentId: string, id: string, at: string, data: Record<string, unknown>) {
  await db
    .insertInto('events')
    .values({
      agent_id: agentId,
      event_id: id,
      time: at,
      received_at: at,
      kind: 'agent',
      source: 'server',
      data: JSON.stringify(data),
    })
    .onConflict((oc) => oc.columns(['agent_id', 'event_id']).doNothing())
    .execute();
}

/** Marks agents silent for longer than `offlineAfterMs` and raises `agent.offline` once per silence. */
export async function sweepOfflineAgents(db: Kysely<DB>, now: Date, offlineAfterMs: number): Promise<number> {
  const cutoff = new Date(now.getTime() - offlineAfterMs).toISOString();
  const silent = await db
    .selectFrom('agents')
    .select(['id', 'hostname', 'last_seen_at'])
    .where('revoked_at', 'is', null)
    .where('offline_since', 'is', null)
    .where('last_seen_at', '<', cutoff)
    .execute();
  for (const agent of silent) {
    const since = agent.last_seen_at ?? cutoff;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('agents').set({ offline_since: since }).where('id', '=', agent.id).execute();
      await raise(trx, agent.id, `agent-offline-${since}`, now.toISOString(), {
        event: 'agent.offline',
        hostname: agent.hostname,
        lastSeenAt: since,
      });
    });
  }
  return silent.length;
}

/** Called when a signed request arrives: clears the offline mark and raises `agent.online` if it was set. */
export async function markAgentBack(
  db: Kysely<DB>,
  agentId: string,
  offlineSince: string | null,
  now: Date,
): Promise<void> {
  if (offlineSince === null) return;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('agents').set({ offline_since: null }).where('id', '=', agentId).execute();
    await raise(trx, agentId, `agent-online-${offlineSince}`, now.toISOString(), {
      event: 'agent.online',
      offlineSince,
    });
  });
}
