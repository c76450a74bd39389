import { BlockList, type IPVersion } from 'node:net';
import type { AllowlistEntry } from '../../protocol/blocks.ts';

/**
 * The allowlist entry that forbids blocking `address` (canonical): one that holds it, or, for a
 * range, one the range would cover. Two CIDR ranges overlap only when one holds the other's
 * network address, so checking both ways is enough.
 */
export function allowlistEntryFor(
  address: string,
  entries: readonly AllowlistEntry[],
): AllowlistEntry | undefined {
  const blocked = rangeOf(address);
  return entries.find((entry) => {
    const allowed = rangeOf(entry.address);
    return (
      allowed.list.check(blocked.base, blocked.family) || blocked.list.check(allowed.base, allowed.family)
    );
  });
}

function rangeOf(address: string) {
  const [base = address, prefix] = address.split('/');
  const family: IPVersion = base.includes(':') ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  if (prefix === undefined) list.addAddress(base, family);
  else list.addSubnet(base, Number(prefix), family);
  return { base, family, list };
}
