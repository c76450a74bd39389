/**
 * Formats 16 bytes as RFC 5952 text: lowercase, no leading zeros, the longest
 * run of two or more zero groups (the first on a tie) as `::`, and
 * IPv4-mapped addresses as `::ffff:a.b.c.d`.
 */
export function formatIpv6(bytes: readonly number[]): string {
  const byte = (index: number): number => bytes[index] ?? 0;
  const groups = Array.from({ length: 8 }, (_, index) => (byte(index * 2) << 8) | byte(index * 2 + 1));
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return `::ffff:${byte(12)}.${byte(13)}.${byte(14)}.${byte(15)}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8;) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
