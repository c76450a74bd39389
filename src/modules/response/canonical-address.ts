import { normalizeIp } from '../logparse/normalize-ip.ts';

/**
 * An address or CIDR range in the one form blocks are stored and compared in: IPv4-mapped IPv6
 * as IPv4, IPv6 compressed in lower case (RFC 5952), a range as its network address, and a
 * range of one address as the address. Undefined when the text is neither.
 */
export function canonicalAddress(text: string): string | undefined {
  const slash = text.indexOf('/');
  const normalized = normalizeIp(slash < 0 ? text : text.slice(0, slash));
  if (normalized === undefined) return undefined;
  const v6 = normalized.includes(':');
  // The URL parser writes IPv6 the RFC 5952 way, and without an embedded dotted quad.
  const ip = v6 ? new URL(`http://[${normalized}]/`).hostname.slice(1, -1) : normalized;
  if (slash < 0) return ip;
  const prefixText = text.slice(slash + 1);
  const bits = v6 ? 128 : 32;
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return undefined;
  if (prefix === bits) return ip;
  const host = (1n << BigInt(bits - prefix)) - 1n;
  const network = v6 ? ipv6Text(ipv6Value(ip) & ~host) : ipv4Text(ipv4Value(ip) & ~host);
  return `${network}/${prefix}`;
}

function ipv4Value(ip: string): bigint {
  return ip.split('.').reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

function ipv4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function ipv6Value(ip: string): bigint {
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function ipv6Text(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((value >> BigInt(112 - i * 16)) & 0xffffn).toString(16),
  );
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}
