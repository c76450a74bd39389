import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { storeEvents } from '../agents/store-events.ts';
import type { ReceivedSyslog } from './received-syslog.ts';
import { syslogAgentId, syslogEvent } from './syslog-event.ts';

/**
 * Stores a batch, one transaction per sending device. A device whose transaction fails is
 * reported to `onFailure` and the others are still stored.
 */
export async function storeSyslogBatch(
  db: Kysely<DB>,
  batch: ReceivedSyslog[],
  now: Date,
  onFailure: (error: unknown, messages: ReceivedSyslog[]) => void,
): Promise<void> {
  const bySender = new Map<string, ReceivedSyslog[]>();
  for (const message of batch) {
    const messages = bySender.get(message.sender) ?? [];
    messages.push(message);
    bySender.set(message.sender, messages);
  }
  for (const [sender, messages] of bySender) {
    try {
      await storeEvents(db, syslogAgentId(sender), messages.map(syslogEvent), now);
    } catch (error) {
      onFailure(error, messages);
    }
  }
}
