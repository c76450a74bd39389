import type { Kysely } from 'kysely';
import type { EventQuery, StoredEvent } from '../../protocol/agents.ts';
import type { DB } from '../../store/schema.ts';

/** An agent's most recent events, newest first. */
export async function listAgentEvents(
  db: Kysely<DB>,
  agentId: string,
  query: EventQuery,
): Promise<StoredEvent[]> {
  let q = db
    .selectFrom('events')
    .selectAll()
    .where('agent_id', '=', agentId)
    .orderBy('received_at', 'desc')
    .orderBy('time', 'desc')
    .limit(query.limit);
  if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
  if (query.before !== undefined) q = q.where('received_at', '<', new Date(query.before).toISOString());
  const rows = await q.execute();
  return rows.map((row) => ({
    id: row.event_id,
    agentId: row.agent_id,
    time: row.time,
    receivedAt: row.received_at,
    kind: row.kind as StoredEvent['kind'],
    source: row.source,
    data: JSON.parse(row.data) as Record<string, unknown>,
  }));
}
