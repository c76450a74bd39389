import { maxEvidenceLines } from './alert-notice.ts';
import { cefMessage } from './cef-message.ts';
import type { Delivery } from './channel-sender.ts';
import { syslogFacilities, type SyslogChannel } from '../../protocol/notify-config.ts';
import { syslogHeader } from './syslog-frame.ts';
import { webhookBody } from './webhook-body.ts';

export interface SyslogMessageContext {
  version: string;
  hostname: string;
  now: Date;
}

/** The RFC 5424 message for one delivery, unframed, within the channel's size. */
export function syslogMessage(
  channel: SyslogChannel,
  delivery: Delivery,
  context: SyslogMessageContext,
): Buffer {
  const header = syslogHeader({
    facility: syslogFacilities[channel.facility],
    severity: delivery.notice.rule.severity,
    time: context.now,
    hostname: context.hostname,
    msgId: delivery.test ? 'test' : `alert.${delivery.notice.outcome}`,
  });
  const maxBytes = channel.maxMessageBytes ?? (channel.transport === 'udp' ? 2048 : 8192);
  const budget = maxBytes - Buffer.byteLength(header);
  const payload =
    channel.format === 'cef'
      ? cefMessage(delivery.notice, context, budget)
      : fittedJson(delivery, context, budget);
  return Buffer.from(header + payload, 'utf8');
}

/** The webhook body as one JSON line, dropping the oldest evidence until it fits (or none is left). */
function fittedJson(delivery: Delivery, context: SyslogMessageContext, budget: number): string {
  let evidence = delivery.notice.evidence.slice(-maxEvidenceLines);
  for (;;) {
    const text = JSON.stringify(
      webhookBody({ ...delivery, notice: { ...delivery.notice, evidence } }, context, context.now),
    );
    if (Buffer.byteLength(text) <= budget || evidence.length === 0) return text;
    evidence = evidence.slice(1);
  }
}
