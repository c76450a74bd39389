import { formatIpv6 } from '../inventory/format-ipv6.ts';

/** An address range in CIDR form: the network address (host bits zero) and the prefix length. */
export interface IpPrefix {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
  length: number;
}

const maxTextLength = 64;

/**
 * Parses an address or CIDR range, strictly: dotted quads without leading zeros, IPv6
 * without zone ids, a decimal prefix length. Host bits are cleared (10.1.2.3/8 is
 * 10.0.0.0/8). Returns undefined for anything else, so whatever reaches a firewall
 * script is rebuilt from numbers by formatIpPrefix, never copied from the input.
 */
export function parseIpPrefix(text: string): IpPrefix | undefined {
  if (text.length > maxTextLength) return undefined;
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bytes = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  if (!bytes) return undefined;
  const width = bytes.length * 8;
  let length = width;
  if (slash >= 0) {
    const lengthText = text.slice(slash + 1);
    if (!/^(?:0|[1-9]\d{0,2})$/.test(lengthText)) return undefined;
    length = Number(lengthText);
    if (length > width) return undefined;
  }
  return { family: bytes.length === 4 ? 4 : 6, bytes: maskBytes(bytes, length), length };
}

/** `1.2.3.4`, `10.0.0.0/8`, `2001:db8::/32`: the prefix length only when it is not the whole address. */
export function formatIpPrefix(prefix: IpPrefix): string {
  const address = prefix.family === 4 ? prefix.bytes.join('.') : formatIpv6([...prefix.bytes]);
  return prefix.length === prefix.bytes.length * 8 ? address : `${address}/${prefix.length}`;
}

/**
 * `::ffff:a.b.c.d` as IPv4: a v4 client of a dual-stack socket shows up in that form, but its
 * packets are IPv4 on the wire, so only the IPv4 set can drop them.
 */
export function unmapIpv4(prefix: IpPrefix): IpPrefix {
  const { bytes } = prefix;
  const mapped =
    prefix.family === 6 &&
    prefix.length >= 96 &&
    bytes.subarray(0, 10).every((byte) => byte === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff;
  return mapped ? { family: 4, bytes: bytes.slice(12), length: prefix.length - 96 } : prefix;
}

export function bitAt(bytes: Uint8Array, index: number): number {
  return ((bytes[index >> 3] ?? 0) >> (7 - (index & 7))) & 1;
}

/** `bytes` with every bit from `length` on cleared: a copy, or `bytes` itself when none is set. */
export function maskBytes(bytes: Uint8Array, length: number): Uint8Array {
  const full = length >> 3;
  const partMask = 0xff >> (length & 7);
  let clean = full >= bytes.length || ((bytes[full] ?? 0) & partMask) === 0;
  for (let index = full + 1; clean && index < bytes.length; index += 1) clean = bytes[index] === 0;
  if (clean) return bytes;
  const masked = bytes.slice();
  if (full < masked.length) masked[full] = (masked[full] ?? 0) & ~partMask;
  masked.fill(0, full + 1);
  return masked;
}

/** The number of leading bits two addresses share. */
export function commonBits(a: Uint8Array, b: Uint8Array): number {
  for (let index = 0; index < a.length; index += 1) {
    const diff = (a[index] ?? 0) ^ (b[index] ?? 0);
    if (diff !== 0) return index * 8 + Math.clz32(diff) - 24;
  }
  return a.length * 8;
}

/** Address order, then shorter prefixes first: a range sorts before the ranges inside it. */
export function comparePrefixes(a: IpPrefix, b: IpPrefix): number {
  if (a.family !== b.family) return a.family - b.family;
  for (let index = 0; index < a.bytes.length; index += 1) {
    const diff = (a.bytes[index] ?? 0) - (b.bytes[index] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/** Whether two prefixes share an address: one holds the other. */
export function prefixesOverlap(a: IpPrefix, b: IpPrefix): boolean {
  return prefixContains(a, b) || prefixContains(b, a);
}

export function prefixContains(outer: IpPrefix, inner: IpPrefix): boolean {
  return (
    outer.family === inner.family &&
    outer.length <= inner.length &&
    commonBits(outer.bytes, inner.bytes) >= outer.length
  );
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [index, part] of parts.entries()) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes[index] = Number(part);
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): number[] | undefined => {
    if (half === undefined || half === '') return [];
    const words: number[] = [];
    const parts = half.split(':');
    for (const [index, part] of parts.entries()) {
      if (part.includes('.') && index === parts.length - 1) {
        const v4 = parseIpv4(part);
        if (!v4) return undefined;
        words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) {
        words.push(parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return words;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const compressed = halves.length === 2;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return undefined;
  // A dotted quad belongs at the very end only.
  if (compressed && halves[0]?.includes('.')) return undefined;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((word, index) => {
    bytes[index * 2] = word >> 8;
    bytes[index * 2 + 1] = word & 0xff;
  });
  return bytes;
}
