import { countDigits } from './read-digits.ts';

/**
 * Where fractional seconds at `at` (".123456") end, or `at` when there are none. Up to nine
 * digits are read (nanosecond stamps exist).
 */
export function fractionEnd(text: string, at: number): number {
  if (text.charCodeAt(at) !== 46 /* . */) return at;
  const digits = countDigits(text, at + 1, 9);
  return digits === 0 ? at : at + 1 + digits;
}

/** The fractional seconds at `at` as whole milliseconds (0 when none): what is below a millisecond is dropped. */
export function fractionMillis(text: string, at: number): number {
  if (text.charCodeAt(at) !== 46 /* . */) return 0;
  let millis = 0;
  let place = 1;
  for (; place <= 3; place++) {
    // Past the end charCodeAt is NaN, which fails both comparisons.
    const digit = text.charCodeAt(at + place) - 48;
    if (!(digit >= 0 && digit <= 9)) break;
    millis = millis * 10 + digit;
  }
  // ".5" is 500 ms.
  for (; place <= 3; place++) millis *= 10;
  return millis;
}
