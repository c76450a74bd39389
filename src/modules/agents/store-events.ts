import type { Kysely } from 'kysely';
import type { AgentEvent, EventBatchResult } from '../../protocol/agents.ts';
import type { DB } from '../../store/schema.ts';
import { saveInventorySnapshot } from './store-inventory.ts';

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
): Promise<EventBatchResult> {
  const unique = [...new Map(events.map((event) => [event.id, event])).values()];
  const stored = await db.transaction().execute(async (trx) => {
    let count = 0;
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
        .executeTakeFirst();
      count += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    for (const event of unique) {
      if (event.kind === 'inventory') await saveInventorySnapshot(trx, agentId, event.data, now);
    }
    return count;
  });
  return { stored, duplicates: events.length - stored };
}
