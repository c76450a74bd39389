import type { Clock } from '../../platform/clock.ts';
import type { ChannelSender } from './channel-sender.ts';
import { DeliveryError } from './delivery-error.ts';
import type { WebhookChannel } from '../../protocol/notify-config.ts';
import { resolveSecret } from './resolve-secret.ts';
import { webhookBody } from './webhook-body.ts';
import { webhookSignature } from './webhook-signature.ts';

export interface WebhookDeps {
  fetch: typeof fetch;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  version: string;
}

/** Worth another try: timeouts, "too early", rate limits and server errors. */
const retryableStatus = (status: number) =>
  status === 408 || status === 425 || status === 429 || status >= 500;

export function createWebhookSender(channel: WebhookChannel, deps: WebhookDeps): ChannelSender {
  const secret = resolveSecret(channel.secret, `channel ${channel.name}: secret`, deps.env, 16);
  const extraHeaders = Object.fromEntries(
    Object.entries(channel.headers ?? {}).map(([name, value]) => [
      name,
      resolveSecret(value, `channel ${channel.name}: header ${name}`, deps.env),
    ]),
  );
  return {
    async send(delivery) {
      const now = deps.clock.now();
      const body = JSON.stringify(webhookBody(delivery, deps, now));
      let response: Response;
      try {
        response = await deps.fetch(channel.url, {
          method: 'POST',
          body,
          headers: {
            ...extraHeaders,
            'content-type': 'application/json',
            'user-agent': `Vigil/${deps.version}`,
            'x-vigil-event-id': delivery.eventId,
            'x-vigil-signature': webhookSignature(secret, Math.floor(now.getTime() / 1000), body),
          },
          // A redirect would resend a signed alert somewhere nobody configured.
          redirect: 'manual',
          signal: AbortSignal.timeout(channel.timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        const reason = timedOut ? `no answer within ${channel.timeoutMs} ms` : 'request failed';
        throw new DeliveryError(reason, true, { cause: error });
      }
      // The body is not needed, but an unread one holds the connection open.
      await response.body?.cancel();
      if (response.ok) return;
      throw new DeliveryError(`HTTP ${response.status}`, retryableStatus(response.status), {
        ...retryAfter(response.headers.get('retry-after'), now),
      });
    },
    close: () => Promise.resolve(),
  };
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfter(value: string | null, now: Date): { retryAfterMs?: number } {
  if (value === null) return {};
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now.getTime();
  return Number.isFinite(ms) && ms > 0 ? { retryAfterMs: ms } : {};
}
