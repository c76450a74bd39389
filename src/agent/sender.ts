import type { Logger } from '../platform/logger.ts';
import type { AgentEvent, EventBatchResult } from '../protocol/agents.ts';
import { AgentHttpError, type AgentClient } from './agent-client.ts';
import type { Spool, SpoolRecord } from './spool/spool.ts';

export interface SenderOptions {
  spool: Spool;
  client: AgentClient;
  logger: Logger;
  /** Stays under the server's body limit with room for JSON overhead. */
  maxBatchBytes?: number;
  maxBatchEvents?: number;
  idleWaitMs?: number;
}

export interface Sender {
  /** Wakes the loop now, for example right after an append. */
  nudge(): void;
  stop(): Promise<void>;
}

const maxBackoffMs = 30_000;

/**
 * Ships the spool to the server in order. A batch is acknowledged in the
 * spool only after the server answers, and the server answers only after it
 * committed: a crash anywhere re-sends, and the server stores each id once.
 */
export function startSender(options: SenderOptions): Sender {
  const { spool, client, logger } = options;
  let maxBytes = options.maxBatchBytes ?? 512 * 1024;
  let running = true;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function loop(): Promise<void> {
    let backoffMs = 500;
    while (running) {
      const records = await spool.peek(options.maxBatchEvents ?? 1000, maxBytes);
      if (records.length === 0) {
        await sleep(options.idleWaitMs ?? 1000);
        continue;
      }
      try {
        const result = await client.post<EventBatchResult>('/api/agent/v1/events', {
          events: records.map((record) => toAgentEvent(record)),
        });
        await spool.ack(lastSeq(records));
        logger.debug({ ...result, seq: lastSeq(records) }, 'batch delivered');
        backoffMs = 500;
        maxBytes = options.maxBatchBytes ?? 512 * 1024;
      } catch (error) {
        if (error instanceof AgentHttpError && error.status === 413 && records.length > 1) {
          maxBytes = Math.max(1024, Math.floor(maxBytes / 2));
          continue;
        }
        if (error instanceof AgentHttpError && (error.status === 413 || error.status === 400)) {
          // The server will never take this record; keeping it would stop every later one.
          logger.error(
            { seq: lastSeq(records), err: error },
            'server refused a batch as invalid; dropping it',
          );
          await spool.ack(lastSeq(records));
          continue;
        }
        const level = error instanceof AgentHttpError && error.refused ? 'error' : 'warn';
        logger[level]({ err: error, retryInMs: backoffMs }, 'could not deliver events; will retry');
        await sleep(backoffMs);
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
      }
    }
  }

  const done = loop();
  return {
    nudge: () => wake?.(),
    stop: async () => {
      running = false;
      wake?.();
      await done;
    },
  };
}

function lastSeq(records: SpoolRecord[]): number {
  return records[records.length - 1]?.seq ?? 0;
}

function toAgentEvent(record: SpoolRecord): AgentEvent {
  return record.event as unknown as AgentEvent;
}
