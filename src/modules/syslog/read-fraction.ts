import { countDigits } from './read-digits.ts';

/**
 * Fractional seconds at `at` (".123456"), as whole milliseconds, and where they end. Up to
 * nine digits are read (nanosecond stamps exist); what is below a millisecond is dropped.
 */
export function readFraction(text: string, at: number): { millisecond: number; end: number } {
  if (text.charCodeAt(at) !== 46 /* . */) return { millisecond: 0, end: at };
  const digits = countDigits(text, at + 1, 9);
  if (digits === 0) return { millisecond: 0, end: at };
  const millisecond = Number(text.slice(at + 1, at + 1 + Math.min(digits, 3)).padEnd(3, '0'));
  return { millisecond, end: at + 1 + digits };
}
