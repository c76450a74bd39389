import type { AlertNotice } from './alert-notice.ts';

/** One notice on its way to one channel. */
export interface Delivery {
  notice: AlertNotice;
  /** A UUID, the same on every attempt. */
  eventId: string;
  /** From `test(channel)`: receivers can tell it from a real alert. */
  test: boolean;
}

/** One attempt per call; a failure is a DeliveryError that says whether trying again can help. */
export interface ChannelSender {
  send(delivery: Delivery): Promise<void>;
  close(): Promise<void>;
}
