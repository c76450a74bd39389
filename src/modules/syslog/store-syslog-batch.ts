import type { Kysely } from 'kysely';
import type { AgentEvent } from '../../protocol/agents.ts';
import type { DB } from '../../store/schema.ts';
import { storeEvents } from '../agents/store-events.ts';
import type { ReceivedSyslog } from './received-syslog.ts';
import { syslogAgentId, syslogEvent } from './syslog-event.ts';

export interface BatchOutcome {
  /** After the commit of one device's messages, with the events that commit stored. */
  onStored(agentId: string, inserted: AgentEvent[]): void;
  /** One device's transaction failed: its messages are lost. */
  onFailure(error: unknown, messages: ReceivedSyslog[]): void;
}

/** Stores a batch, one transaction per sending device, so one device's failure loses only its own messages. */
export async function storeSyslogBatch(
  db: Kysely<DB>,
  batch: ReceivedSyslog[],
  now: Date,
  outcome: BatchOutcome,
): Promise<void> {
  const bySender = new Map<string, ReceivedSyslog[]>();
  for (const message of batch) {
    const messages = bySender.get(message.sender) ?? [];
    messages.push(message);
    bySender.set(message.sender, messages);
  }
  for (const [sender, messages] of bySender) {
    const agentId = syslogAgentId(sender);
    let inserted: AgentEvent[];
    try {
      ({ inserted } = await storeEvents(db, agentId, messages.map(syslogEvent), now));
    } catch (error) {
      outcome.onFailure(error, messages);
      continue;
    }
    outcome.onStored(agentId, inserted);
  }
}
