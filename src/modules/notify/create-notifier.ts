import { systemClock, type Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { systemRandom, type Random } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import type { AlertNotice } from './alert-notice.ts';
import { createChannelQueue, type ChannelStats } from './channel-queue.ts';
import type { ChannelSender } from './channel-sender.ts';
import { describeCause } from './delivery-error.ts';
import { createEmailSender, type EmailDeps } from './email-sender.ts';
import type { NotifyChannel } from '../../protocol/notify-config.ts';
import { createSyslogSender, type SyslogDeps } from './syslog-sender.ts';
import { testNotice } from './test-notice.ts';
import { createWebhookSender, type WebhookDeps } from './webhook-sender.ts';
import { wantsNotice } from './wants-notice.ts';

export interface NotifierOptions {
  logger: Logger;
  /** Vigil's version, carried in every format. */
  version: string;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: Random;
  /** Where `{ env: NAME }` secrets are read. */
  env?: NodeJS.ProcessEnv;
  /** The syslog HOSTNAME; this machine's name by default. */
  hostname?: string;
}

export interface Notifier {
  /** Queues the notice for every channel that wants it and returns at once: detection never waits for a receiver. */
  notify(notice: AlertNotice): void;
  /** Sends a test notice to one channel now, once, without retries; rejects with the reason it failed. */
  test(channelName: string): Promise<void>;
  stats(): Record<string, ChannelStats>;
  close(): Promise<void>;
}

/** Secrets are resolved here, so a missing one stops startup rather than the first alert. */
export function createNotifier(channels: readonly NotifyChannel[], options: NotifierOptions): Notifier {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const logger = options.logger.child({ module: 'notify' });
  const deps = {
    clock,
    version: options.version,
    env: options.env ?? process.env,
    fetch: options.fetch ?? fetch,
    hostname: options.hostname,
  };
  const entries = channels.map((channel) => {
    const sender = createSender(channel, deps);
    return { channel, sender, queue: createChannelQueue(channel, sender, { logger, clock }) };
  });
  const byName = new Map(entries.map((entry) => [entry.channel.name, entry]));
  let closed = false;

  return {
    notify(notice) {
      if (closed) return;
      const eventId = random.uuid();
      for (const { channel, queue } of entries) {
        if (wantsNotice(channel, notice)) queue.push({ notice, eventId, test: false });
      }
    },
    async test(channelName) {
      const entry = byName.get(channelName);
      if (entry === undefined)
        throw new AppError('not_found', `no notification channel named "${channelName}"`);
      const eventId = random.uuid();
      try {
        await entry.sender.send({ notice: testNotice(clock.now()), eventId, test: true });
      } catch (error) {
        logger.warn(
          { channel: channelName, eventId, reason: describeCause(error) },
          'test notification failed',
        );
        throw error;
      }
      logger.info({ channel: channelName, eventId }, 'test notification sent');
    },
    stats: () => Object.fromEntries(entries.map(({ channel, queue }) => [channel.name, queue.stats()])),
    async close() {
      closed = true;
      await Promise.all(entries.map(({ queue }) => queue.close()));
    },
  };
}

function createSender(channel: NotifyChannel, deps: WebhookDeps & EmailDeps & SyslogDeps): ChannelSender {
  switch (channel.type) {
    case 'webhook':
      return createWebhookSender(channel, deps);
    case 'email':
      return createEmailSender(channel, deps);
    case 'syslog':
      return createSyslogSender(channel, deps);
  }
}
