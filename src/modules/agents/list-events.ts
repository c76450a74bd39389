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
    .orderBy('event_id', 'desc')
    .limit(query.limit);
  if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
  const { before, beforeId } = query;
  if (before !== undefined) {
    const at = new Date(before).toISOString();
    q = q.where((eb) =>
      beforeId === undefined
        ? eb('received_at', '<', at)
        : eb.or([
            eb('received_at', '<', at),
            eb.and([eb('received_at', '=', at), eb('event_id', '<', beforeId)]),
          ]),
    );
  }
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
