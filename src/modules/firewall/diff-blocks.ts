import type { Block } from './compose-blocks.ts';
import type { LiveElement } from './firewall-backend.ts';
import { formatIpPrefix } from './ip-prefix.ts';

/** Element changes; a changed expiry is both a removal and an addition (nft cannot update one in place everywhere). */
export interface BlockDiff {
  remove: LiveElement[];
  add: Block[];
  /** How many of `add` replace a removed element of the same prefix. */
  changed: number;
}

/**
 * Expiries read back from the kernel are whole seconds, and timeouts are rounded up to
 * whole seconds when written: expiries this close are the same block.
 */
const expiryToleranceMs = 5000;

/** What turns the live elements into the desired blocks, leaving alone those already right. */
export function diffBlocks(live: readonly LiveElement[], desired: readonly Block[]): BlockDiff {
  const wanted = new Map(desired.map((block) => [formatIpPrefix(block.prefix), block]));
  const remove: LiveElement[] = [];
  let changed = 0;
  for (const element of live) {
    const [only, ...more] = element.blocks;
    const block = wanted.get(element.token);
    if (only && more.length === 0 && block && sameExpiry(only.expiresAt, block.expiresAt)) {
      wanted.delete(element.token);
      continue;
    }
    remove.push(element);
    if (block) changed += 1;
  }
  return { remove, add: [...wanted.values()], changed };
}

function sameExpiry(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= expiryToleranceMs;
}
