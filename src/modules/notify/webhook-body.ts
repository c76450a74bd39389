import type { Delivery } from './channel-sender.ts';
import { ocsfFinding } from './ocsf-finding.ts';

/** Bumped only when a receiver would have to change; fields may be added without it. */
export const webhookEnvelopeVersion = 1;

/**
 * `{ version, id, type, time, finding }`: `id` is the same on every retry of
 * one delivery, so receivers can drop duplicates; `type` is `alert.created`,
 * `alert.updated`, `alert.reopened` or `test`.
 */
export function webhookBody(
  delivery: Delivery,
  product: { version: string },
  now: Date,
): Record<string, unknown> {
  return {
    version: webhookEnvelopeVersion,
    id: delivery.eventId,
    type: delivery.test ? 'test' : `alert.${delivery.notice.outcome}`,
    time: now.toISOString(),
    finding: ocsfFinding(delivery.notice, product),
  };
}
