import { formatIpPrefix, parseIpPrefix, unmapIpv4 } from '../firewall/ip-prefix.ts';

/**
 * One spelling per address, so scope checks compare like with like: RFC 5952 IPv6, and
 * `::ffff:a.b.c.d` as the IPv4 address its packets go to. Undefined for anything that is not a
 * single address (ranges, names, zone ids).
 */
export function canonicalAddress(text: string): string | undefined {
  const prefix = parseIpPrefix(text);
  if (!prefix || prefix.length !== prefix.bytes.length * 8 || text.includes('/')) return undefined;
  return formatIpPrefix(unmapIpv4(prefix));
}
