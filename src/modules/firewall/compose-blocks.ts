import { bitAt, commonBits, comparePrefixes, maskBytes, type IpPrefix } from './ip-prefix.ts';

/** A blocked range and when its block ends, in ms since the epoch: Infinity never, -Infinity already lifted. */
export interface Block {
  prefix: IpPrefix;
  expiresAt: number;
}

export interface BlockLayers {
  /** Where several base blocks cover an address, the latest expiry counts. */
  base: readonly Block[];
  /**
   * Blocks laid over the base: wherever one covers an address, the base there no longer counts
   * (the latest expiry among the over blocks does). An over block ending by `now` lifts blocks.
   */
  over: readonly Block[];
  now: number;
}

interface Item extends Block {
  over: boolean;
}

/**
 * What is blocked once `over` is laid on `base`, as the set elements that express it:
 * disjoint prefixes in address order (IPv4 first), two halves with one expiry merged into
 * their parent, nothing that ends by `now`. nft interval sets refuse overlapping elements,
 * so nested blocks with different expiries become the inner one plus the pieces around it.
 * The same blocking always gives the same elements, so a diff against the live set is
 * empty when nothing changed, however the live set came about.
 */
export function composeBlocks(layers: BlockLayers): Block[] {
  const items: Item[] = [
    ...layers.base.map((block) => ({ prefix: block.prefix, expiresAt: block.expiresAt, over: false })),
    ...layers.over.map((block) => ({ prefix: block.prefix, expiresAt: block.expiresAt, over: true })),
  ].sort((a, b) => comparePrefixes(a.prefix, b.prefix));
  const split = items.findIndex((item) => item.prefix.family === 6);
  const v4 = split < 0 ? items : items.slice(0, split);
  const v6 = split < 0 ? [] : items.slice(split);
  return [...composeFamily(v4, layers.now), ...composeFamily(v6, layers.now)];
}

/** Walks the address trie only where items are; `items` are sorted and of one family. */
function composeFamily(items: Item[], now: number): Block[] {
  const head = items[0];
  if (!head) return [];
  const family = head.prefix.family;
  const out: Block[] = [];

  const emit = (bytes: Uint8Array, length: number, expiresAt: number) => {
    let block: Block = { prefix: { family, bytes, length }, expiresAt };
    for (let last = out.at(-1); last && isLeftHalf(last, block); last = out.at(-1)) {
      out.pop();
      const parentLength = block.prefix.length - 1;
      block = {
        prefix: { family, bytes: maskBytes(block.prefix.bytes, parentLength), length: parentLength },
        expiresAt,
      };
    }
    out.push(block);
  };

  const someMatter = (lo: number, hi: number, base: number | undefined, over: number | undefined) => {
    for (let index = lo; index < hi; index += 1) {
      const item = items[index] as Item;
      if (
        item.over
          ? over === undefined || item.expiresAt > over
          : over === undefined && (base === undefined || item.expiresAt > base)
      )
        return true;
    }
    return false;
  };

  // The node is the first `length` bits of `address`; items[lo..hi) lie inside it.
  const walk = (
    lo: number,
    hi: number,
    address: Uint8Array,
    length: number,
    base?: number,
    over?: number,
  ): void => {
    for (let item = items[lo]; lo < hi && item && item.prefix.length <= length; item = items[++lo]) {
      if (item.over) over = Math.max(over ?? -Infinity, item.expiresAt);
      else base = Math.max(base ?? -Infinity, item.expiresAt);
    }
    const value = over ?? base;
    const live = value !== undefined && value > now;
    // Items that cannot change the value here are not worth walking down to.
    if (lo === hi || (value !== undefined && !someMatter(lo, hi, base, over))) {
      if (live) emit(maskBytes(address, length), length, value);
      return;
    }
    const first = items[lo] as Item;
    if (!live) {
      // Nothing to emit around the items: go straight to where they part. An item shorter
      // than that would have the lowest address, so it is `first`, and the jump stops at it.
      const parting = Math.min(
        first.prefix.length,
        commonBits(first.prefix.bytes, (items[hi - 1] as Item).prefix.bytes),
      );
      if (parting > length) {
        walk(lo, hi, first.prefix.bytes, parting, base, over);
        return;
      }
    }
    // Items share the node's bits, so those with a 0 at `length` come first.
    let mid = lo;
    for (let top = hi; mid < top;) {
      const probe = (mid + top) >> 1;
      if (bitAt((items[probe] as Item).prefix.bytes, length) === 0) mid = probe + 1;
      else top = probe;
    }
    const child = (from: number, to: number, bit: 0 | 1) => {
      if (from < to) walk(from, to, (items[from] as Item).prefix.bytes, length + 1, base, over);
      else if (live) emit(withBit(maskBytes(address, length), length, bit), length + 1, value);
    };
    child(lo, mid, 0);
    child(mid, hi, 1);
  };

  walk(0, items.length, head.prefix.bytes, 0);
  return out;
}

function withBit(bytes: Uint8Array, index: number, bit: 0 | 1): Uint8Array {
  if (bit === 0) return bytes;
  const set = bytes.slice();
  set[index >> 3] = (set[index >> 3] ?? 0) | (0x80 >> (index & 7));
  return set;
}

/** Whether `left` is the lower half of the range whose upper half is `right`, with the same expiry. */
function isLeftHalf(left: Block, right: Block): boolean {
  const length = right.prefix.length;
  return (
    length > 0 &&
    left.expiresAt === right.expiresAt &&
    left.prefix.length === length &&
    bitAt(left.prefix.bytes, length - 1) === 0 &&
    bitAt(right.prefix.bytes, length - 1) === 1 &&
    commonBits(left.prefix.bytes, right.prefix.bytes) === length - 1
  );
}
