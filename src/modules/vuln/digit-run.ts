import type { Ordering } from './version-input.ts';

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * Compares two runs of ASCII digits by value, of any length: leading zeros skipped, then the
 * longer run wins, then the first differing digit. Numbers in versions are unbounded (dates,
 * snapshot stamps, hostile input), so they are never converted to a JS number.
 */
export function compareDigitRuns(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): Ordering {
  while (aStart < aEnd && a.charCodeAt(aStart) === 0x30) aStart += 1;
  while (bStart < bEnd && b.charCodeAt(bStart) === 0x30) bStart += 1;
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  if (aLength !== bLength) return aLength > bLength ? 1 : -1;
  for (let i = 0; i < aLength; i += 1) {
    const d = a.charCodeAt(aStart + i) - b.charCodeAt(bStart + i);
    if (d !== 0) return d > 0 ? 1 : -1;
  }
  return 0;
}

/** Compares two ranges by UTF-16 code unit, a shorter prefix first (C's memcmp then length). */
export function compareRanges(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): Ordering {
  const length = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < length; i += 1) {
    const d = a.charCodeAt(aStart + i) - b.charCodeAt(bStart + i);
    if (d !== 0) return d > 0 ? 1 : -1;
  }
  const rest = aEnd - aStart - (bEnd - bStart);
  return rest === 0 ? 0 : rest > 0 ? 1 : -1;
}

export function sign(n: number): Ordering {
  return n > 0 ? 1 : n < 0 ? -1 : 0;
}
