import { formatIpPrefix, parseIpPrefix, unmapIpv4 } from '../firewall/ip-prefix.ts';
import { NetScanError, quoteInput } from './net-scan-error.ts';

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

/**
 * `0.0.0.0` and `::` (canonical spellings): a connection to either reaches this machine, not a
 * host on the network, so no scan targets them.
 */
export function isUnspecifiedAddress(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/** What a scanner is handed, canonical; anything else is refused (`bad-target`) before a packet is sent. */
export function scanAddress(given: string): string {
  const address = canonicalAddress(given);
  if (address === undefined) throw new NetScanError('bad-target', `${quoteInput(given)} is not an address`);
  if (isUnspecifiedAddress(address))
    throw new NetScanError(
      'bad-target',
      `${address} is the unspecified address, which connects to this machine`,
    );
  return address;
}
