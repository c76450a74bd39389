import type { EventDraft, ProgramMessage } from './new-event.ts';
import { endpointOf } from './normalize-ip.ts';

const field = /(?:^| )([A-Z]{2,6})=(\S*)/g;

/**
 * Kernel packet-log lines from iptables, nftables and ufw: "[UFW BLOCK] IN=eth0 OUT= MAC=…
 * SRC=… DST=… PROTO=TCP SPT=… DPT=…". The text before IN= is the rule's log prefix, which tells
 * a drop from an accepted packet. Network Activity: 5 Refuse for drops, 6 Traffic otherwise.
 */
export function parseNetfilter({ message: text }: ProgramMessage): EventDraft | undefined {
  const inAt = text.startsWith('IN=') ? 0 : text.indexOf(' IN=') + 1;
  if (inAt < 0 || !text.includes(' SRC=') || !text.includes(' DST=')) return undefined;
  const prefix = text.slice(0, inAt).trim();
  const fields: Record<string, string> = {};
  for (const m of text.slice(inAt).matchAll(field)) fields[m[1] ?? ''] ??= m[2] ?? '';
  const src = fields.SRC;
  const dst = fields.DST;
  if (src === undefined || dst === undefined) return undefined;
  const drop = /BLOCK|DROP|REJECT|DENY/i.test(prefix);
  const accepted = /ALLOW|ACCEPT/i.test(prefix);
  const kind = drop ? 'drop' : accepted ? 'allow' : 'log';
  const port = (value: string | undefined) =>
    value === undefined || value === '' ? undefined : Number(value);
  return {
    kind: {
      class: 'networkActivity',
      activity: drop ? 5 : 6,
      code: `netfilter.${kind}`,
      ...(drop && { status: 'Failure' as const }),
    },
    fields: {
      src_endpoint: endpointOf(src, port(fields.SPT)),
      dst_endpoint: endpointOf(dst, port(fields.DPT)),
      connection_info: {
        ...(fields.PROTO !== undefined && { protocol_name: fields.PROTO.toLowerCase() }),
        direction: fields.IN ? 'Inbound' : 'Outbound',
      },
      logsource: { product: 'linux', service: 'netfilter' },
      unmapped: {
        prefix,
        ...Object.fromEntries(
          ['IN', 'OUT', 'MAC', 'LEN', 'TTL']
            .filter((k) => fields[k])
            .map((k) => [k.toLowerCase(), fields[k] ?? '']),
        ),
      },
    },
  };
}
