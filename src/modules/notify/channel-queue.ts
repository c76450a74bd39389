import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ChannelSender, Delivery } from './channel-sender.ts';
import { DeliveryError, describeCause } from './delivery-error.ts';
import type { NotifyChannel } from '../../protocol/notify-config.ts';

export interface ChannelStats {
  /** Waiting, not counting the one being sent. */
  queued: number;
  sent: number;
  /** Given up on: refused, or still failing after every retry. */
  failed: number;
  /** Turned away because the queue was full. */
  dropped: number;
}

export interface ChannelQueue {
  /** Never waits: when the queue is full the delivery is dropped, counted and reported. */
  push(delivery: Delivery): void;
  stats(): ChannelStats;
  /** Stops retrying, lets a send in progress finish, and drops what is still queued. */
  close(): Promise<void>;
}

const maxRetryDelayMs = 5 * 60_000;
/** A full queue is reported at once, then at most this often, with the count since. */
const dropReportEveryMs = 60_000;

/** One worker per channel, so a slow receiver delays only its own channel. */
export function createChannelQueue(
  channel: NotifyChannel,
  sender: ChannelSender,
  deps: { logger: Logger; clock: Clock },
): ChannelQueue {
  const log = deps.logger.child({ channel: channel.name, channelType: channel.type });
  const waiting: Delivery[] = [];
  const counts = { sent: 0, failed: 0, dropped: 0 };
  const stopping = new AbortController();
  let running = false;
  let worker = Promise.resolve();
  let droppedSinceReport = 0;
  let lastDropReport = -Infinity;

  const reportDrop = (delivery: Delivery) => {
    droppedSinceReport += 1;
    const now = deps.clock.now().getTime();
    if (now - lastDropReport < dropReportEveryMs) return;
    log.error(
      {
        alertId: delivery.notice.alertId,
        dropped: droppedSinceReport,
        droppedTotal: counts.dropped,
        queueSize: channel.queueSize,
      },
      'notification queue full: notices dropped; the receiver is down or too slow',
    );
    droppedSinceReport = 0;
    lastDropReport = now;
  };

  const deliver = async (delivery: Delivery) => {
    const context = { alertId: delivery.notice.alertId, eventId: delivery.eventId };
    for (let attempt = 0; ; attempt += 1) {
      try {
        await sender.send(delivery);
        counts.sent += 1;
        log.info({ ...context, attempts: attempt + 1 }, 'notification sent');
        return;
      } catch (error) {
        const reason = describeCause(error);
        const retryable = error instanceof DeliveryError && error.retryable;
        if (!retryable || attempt >= channel.retries || stopping.signal.aborted) {
          counts.failed += 1;
          log.error({ ...context, attempts: attempt + 1, reason, retryable }, 'notification not delivered');
          return;
        }
        const delayMs = retryDelay(channel.retryDelayMs, attempt, error.retryAfterMs);
        log.warn({ ...context, attempt: attempt + 1, reason, delayMs }, 'notification failed; retrying');
        try {
          await sleep(delayMs, undefined, { signal: stopping.signal });
        } catch {
          counts.failed += 1;
          log.error(
            { ...context, attempts: attempt + 1, reason },
            'notification not delivered: shutting down',
          );
          return;
        }
      }
    }
  };

  // `running` flips in the same tick the queue is found empty, so a push can never find a worker about to quit.
  const drain = async () => {
    running = true;
    try {
      while (!stopping.signal.aborted) {
        const next = waiting.shift();
        if (next === undefined) break;
        await deliver(next);
      }
    } finally {
      running = false;
    }
  };

  return {
    push(delivery) {
      if (stopping.signal.aborted) return;
      if (waiting.length >= channel.queueSize) {
        counts.dropped += 1;
        reportDrop(delivery);
        return;
      }
      waiting.push(delivery);
      if (!running) worker = drain();
    },
    stats: () => ({ queued: waiting.length, ...counts }),
    async close() {
      stopping.abort();
      await worker;
      const left = waiting.splice(0).length;
      if (left > 0) log.error({ undelivered: left }, 'notifier closed with notices still queued');
      await sender.close();
    },
  };
}

/** Exponential from `firstMs`, with jitter so many senders do not retry in step, or the receiver's Retry-After if later. */
function retryDelay(firstMs: number, attempt: number, retryAfterMs: number | undefined): number {
  const exponential = Math.min(firstMs * 2 ** attempt, maxRetryDelayMs);
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return Math.round(Math.min(Math.max(jittered, retryAfterMs ?? 0), maxRetryDelayMs));
}
