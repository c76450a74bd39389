import { countDigits, readDigits } from './read-digits.ts';

/**
 * Where the text after a `<PRI>` at the start of a line starts, or 0 when the line has none. A PRI
 * is one to three digits, 0–191 (facility × 8 + severity).
 */
export function priorityEnd(text: string): number {
  if (text.charCodeAt(0) !== 60 /* < */) return 0;
  const digits = countDigits(text, 1, 4);
  if (digits === 0 || digits > 3 || text.charCodeAt(1 + digits) !== 62 /* > */) return 0;
  return readDigits(text, 1, digits) > 191 ? 0 : digits + 2;
}

/** The value of the PRI that priorityEnd found ending at `end`. */
export function priorityValue(text: string, end: number): number {
  return readDigits(text, 1, end - 2);
}
