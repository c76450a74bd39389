import type { Block } from './compose-blocks.ts';
import type { BlockDiff } from './diff-blocks.ts';

/** One element of a Vigil set as the firewall holds it. */
export interface LiveElement {
  family: 4 | 6;
  /** How the element is named to delete it: a prefix, or `first-last` for a range someone else added. */
  token: string;
  /** What it blocks: one prefix, or the prefixes of a range. */
  blocks: Block[];
}

export interface LiveSet {
  elements: LiveElement[];
  /** False when the table, sets, chains or rules are not all in place: the next apply puts them there. */
  complete: boolean;
}

/** A firewall that holds Vigil's blocks; nftables or iptables with ipset. */
export interface FirewallBackend {
  /** Where the blocks live, for people: `table inet vigil`. */
  readonly where: string;
  read(now: number): Promise<LiveSet>;
  /** Applies the diff, which turns `live` into `target`, and builds what `live` lacks, in one go. */
  apply(live: LiveSet, diff: BlockDiff, target: readonly Block[], now: number): Promise<void>;
}
