import type { Kysely } from 'kysely';
import type { SecurityEvent } from '../../protocol/security-event.ts';
import type { DB } from '../../store/schema.ts';

/** How an alert's evidence stays small however long an attack runs: how it began, and what it does now. */
export const evidenceCap = { first: 10, latest: 40 } as const;

const maxRawChars = 16_384;

/**
 * Attaches `events` as the last of `seenTotal` evidence events ever attached
 * (the caller reserved their numbers by raising evidence_seen in the same
 * transaction), then drops what now falls between the first and the latest.
 */
export async function appendEvidence(
  trx: Kysely<DB>,
  alertId: string,
  events: readonly SecurityEvent[],
  seenTotal: number,
): Promise<void> {
  const firstSeq = seenTotal - events.length + 1;
  const dropAbove = evidenceCap.first;
  const dropThrough = seenTotal - evidenceCap.latest;
  const rows = events
    .map((event, index) => ({ event, seq: firstSeq + index }))
    .filter(({ seq }) => seq <= dropAbove || seq > dropThrough)
    .map(({ event: { raw_data, ...rest }, seq }) => ({
      alert_id: alertId,
      seq,
      time: new Date(rest.time).toISOString(),
      raw_data: raw_data.slice(0, maxRawChars),
      event: JSON.stringify(rest),
    }));
  // At most first + latest rows survive the filter, well under SQLite's bound-parameter limit.
  if (rows.length > 0) await trx.insertInto('alert_evidence').values(rows).execute();
  if (dropThrough > dropAbove) {
    await trx
      .deleteFrom('alert_evidence')
      .where('alert_id', '=', alertId)
      .where('seq', '>', dropAbove)
      .where('seq', '<=', dropThrough)
      .execute();
  }
}
