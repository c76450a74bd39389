import type { Block } from './compose-blocks.ts';
import { comparePrefixes, prefixesOverlap, type IpPrefix } from './ip-prefix.ts';

/** How many of `prefixes` share an address with one of `blocks`, which must be disjoint. */
export function countOverlapping(prefixes: readonly IpPrefix[], blocks: readonly Block[]): number {
  const sorted = blocks.map((block) => block.prefix).sort(comparePrefixes);
  const touches = (a: IpPrefix | undefined, b: IpPrefix) => a !== undefined && prefixesOverlap(a, b);
  let count = 0;
  for (const prefix of prefixes) {
    // The first block sorting after `prefix`; only it or the one before can overlap it, as blocks are disjoint.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePrefixes(sorted[mid] as IpPrefix, prefix) <= 0) lo = mid + 1;
      else hi = mid;
    }
    if (touches(sorted[lo - 1], prefix) || touches(sorted[lo], prefix)) count += 1;
  }
  return count;
}
