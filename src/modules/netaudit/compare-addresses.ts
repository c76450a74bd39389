import { comparePrefixes, parseIpPrefix } from '../firewall/ip-prefix.ts';

/**
 * Orders IP addresses as numbers (`10.0.0.9` before `10.0.0.10`), IPv4 before IPv6, so reports list
 * hosts the way an admin reads a range; anything that is not an address sorts last, as text.
 */
export function compareAddresses(a: string, b: string): number {
  const x = parseIpPrefix(a);
  const y = parseIpPrefix(b);
  if (x && y) return comparePrefixes(x, y);
  if (x || y) return x ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
