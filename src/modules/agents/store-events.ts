import type { Kysely } from 'kysely';
import type { AgentEvent, EventBatchResult } from '../../protocol/agents.ts';
import type { DB } from '../../store/schema.ts';
import { saveInventorySnapshot } from './store-inventory.ts';

export interface StoredBatch extends EventBatchResult {
  /** The events this call stored: detection must see each event once, not once per resend. */
  inserted: AgentEvent[];
}

/**
 * Stores a batch in one transaction; an event id already stored for this
 * agent is skipped. The agent retries until it gets the answer, which comes
 * only after the commit: at-least-once delivery, exactly-once storage.
 */
export async function storeEvents(
  db: Kysely<DB>,
  agentId: string,
  events: AgentEvent[],
  now: Date,
): Promise<StoredBatch> {
  const unique = [...new Map(events.map((event) => [event.id, event])).values()];
  const insertedIds = await db.transaction().execute(async (trx) => {
    const ids = new Set<string>();
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < unique.length; i += 200) {
      const result = await trx
        .insertInto('events')
        .values(
          unique.slice(i, i + 200).map((event) => ({
            agent_id: agentId,
            event_id: event.id,
            time: new Date(event.time).toISOString(),
            received_at: now.toISOString(),
            kind: event.kind,
            source: event.source,
            data: JSON.stringify(event.data),
          })),
        )
        .onConflict((oc) => oc.columns(['agent_id', 'event_id']).doNothing())
        .returning('event_id')
        .execute();
      for (const row of result) ids.add(row.event_id);
    }
    for (const event of unique) {
      if (event.kind === 'inventory') await saveInventorySnapshot(trx, agentId, event.data, now);
    }
    return ids;
  });
  return {
    stored: insertedIds.size,
    duplicates: events.length - insertedIds.size,
    inserted: unique.filter((event) => insertedIds.has(event.id)),
  };
}
