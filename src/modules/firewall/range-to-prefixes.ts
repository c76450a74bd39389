import type { IpPrefix } from './ip-prefix.ts';

/**
 * The fewest CIDR prefixes that cover first..last exactly (both ends included). nft shows a
 * set element that is no single prefix as a range; Vigil never writes one, but someone may have.
 */
export function rangeToPrefixes(first: Uint8Array, last: Uint8Array): IpPrefix[] {
  const width = first.length * 8;
  const family = first.length === 4 ? 4 : 6;
  let start = toBigInt(first);
  const end = toBigInt(last);
  const prefixes: IpPrefix[] = [];
  while (start <= end) {
    let size = 0;
    // Grow the block while `start` stays aligned to it and it stays inside the range.
    while (
      size < width &&
      (start & ((1n << BigInt(size + 1)) - 1n)) === 0n &&
      start + (1n << BigInt(size + 1)) - 1n <= end
    )
      size += 1;
    prefixes.push({ family, bytes: toBytes(start, first.length), length: width - size });
    start += 1n << BigInt(size);
  }
  return prefixes;
}

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function toBytes(value: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = length - 1; index >= 0; index -= 1) {
    bytes[index] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}
