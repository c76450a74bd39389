import { randomBytes } from 'node:crypto';
import type { ServiceName } from '../../protocol/netscan.ts';

/**
 * Requests that make a UDP service answer (UDP has no handshake: silence proves nothing) and a
 * reading of the answer. Answers are attacker-controlled: read with bounds, reduced to a few
 * printable facts.
 */
export interface UdpProbe {
  service: ServiceName;
  /** Datagrams sent, in order, on each attempt. */
  requests: () => Buffer[];
  /** The facts an answer shows, or undefined when it is not this protocol's answer. */
  read: (answer: Buffer) => Record<string, string> | undefined;
}

const maxTextLength = 200;

/** `. IN NS`, recursion desired: any DNS answer, a refusal included, proves a DNS server. */
const dns: UdpProbe = {
  service: 'dns',
  requests: () => [
    Buffer.concat([
      randomBytes(2),
      Buffer.from([0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]),
      // The root name, type NS, class IN.
      Buffer.from([0, 0, 2, 0, 1]),
    ]),
  ],
  read: (answer) => {
    if (answer.length < 12 || ((answer[2] ?? 0) & 0x80) === 0) return undefined;
    const rcodes = ['no-error', 'format-error', 'server-failure', 'name-error', 'not-implemented', 'refused'];
    const rcode = (answer[3] ?? 0) & 0x0f;
    return {
      rcode: rcodes[rcode] ?? String(rcode),
      recursion: ((answer[3] ?? 0) & 0x80) !== 0 ? 'available' : 'no',
    };
  },
};

/** An NTPv4 client request (mode 3); a server answers in mode 4 with its stratum. */
const ntp: UdpProbe = {
  service: 'ntp',
  requests: () => {
    const request = Buffer.alloc(48);
    request[0] = 0x23;
    randomBytes(8).copy(request, 40);
    return [request];
  },
  read: (answer) => {
    if (answer.length < 48 || ((answer[0] ?? 0) & 0x07) !== 4) return undefined;
    return { version: String(((answer[0] ?? 0) >> 3) & 0x07), stratum: String(answer[1] ?? 0) };
  },
};

/** GetRequest for sysDescr.0 with community `public`, as SNMPv2c and as SNMPv1. */
const snmp: UdpProbe = {
  service: 'snmp',
  requests: () => [snmpGet(1), snmpGet(0)],
  read: (answer) => readSnmpResponse(answer),
};

export const udpProbes: ReadonlyMap<number, UdpProbe> = new Map([
  [53, dns],
  [123, ntp],
  [161, snmp],
]);

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  // Every request here is far below 128 bytes: the short length form always fits.
  return Buffer.concat([Buffer.from([tag, body.length]), body]);
}

const sysDescr = Buffer.from([0x2b, 6, 1, 2, 1, 1, 1, 0]);

function snmpGet(version: 0 | 1): Buffer {
  return tlv(
    0x30,
    tlv(0x02, Buffer.from([version])),
    tlv(0x04, Buffer.from('public')),
    tlv(
      0xa0,
      // A positive request id: the first byte's top bit clear.
      tlv(0x02, Buffer.from(randomBytes(4).map((byte, index) => (index === 0 ? byte & 0x7f : byte)))),
      tlv(0x02, Buffer.from([0])),
      tlv(0x02, Buffer.from([0])),
      tlv(0x30, tlv(0x30, tlv(0x06, sysDescr), Buffer.from([0x05, 0x00]))),
    ),
  );
}

interface Element {
  tag: number;
  value: Buffer;
}

/** The BER elements in `data`, in order; undefined as soon as one is malformed. */
function elements(data: Buffer): Element[] | undefined {
  const found: Element[] = [];
  for (let at = 0; at < data.length && found.length < 16;) {
    const tag = data[at] ?? 0;
    let length = data[at + 1] ?? 0;
    let start = at + 2;
    if (length & 0x80) {
      const bytes = length & 0x7f;
      if (bytes < 1 || bytes > 2 || start + bytes > data.length) return undefined;
      length = data.readUIntBE(start, bytes);
      start += bytes;
    }
    if (start + length > data.length) return undefined;
    found.push({ tag, value: data.subarray(start, start + length) });
    at = start + length;
  }
  return found;
}

/** version, community and the first variable's string value from a GetResponse. */
function readSnmpResponse(answer: Buffer): Record<string, string> | undefined {
  const message = elements(answer)?.[0];
  if (message?.tag !== 0x30) return undefined;
  const [version, community, pdu] = elements(message.value) ?? [];
  if (version?.tag !== 0x02 || community?.tag !== 0x04 || pdu?.tag !== 0xa2) return undefined;
  const facts: Record<string, string> = {
    version: version.value[0] === 1 ? 'v2c' : version.value[0] === 0 ? 'v1' : 'other',
    community: printable(community.value),
  };
  const varbinds = elements(pdu.value)?.[3];
  const first = varbinds && elements(varbinds.value)?.[0];
  const value = first && elements(first.value)?.[1];
  if (value?.tag === 0x04) facts.sysDescr = printable(value.value);
  return facts;
}

/** Capped, with everything outside printable ASCII shown as `?`. */
function printable(bytes: Buffer): string {
  return bytes
    .subarray(0, maxTextLength)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '?');
}
