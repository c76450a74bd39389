import { countDigits, readDigits } from './read-digits.ts';
import { readFraction } from './read-fraction.ts';
import type { ReadTime } from './parse-rfc3339.ts';
import { utcMillis } from './utc-millis.ts';
import { yearlessInstant } from './yearless-instant.ts';

const months = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, i) => [
    name,
    i + 1,
  ]),
);

export interface BsdTimeOptions {
  /** Year-less stamps are placed in the latest year not more than a day after this. */
  reference: Date;
  /** The sender's offset from UTC; BSD stamps carry none. */
  offsetMinutes: number;
}

/**
 * An RFC 3164 timestamp at `at`: `Nov 25 21:29:56`, with the day padded by a space (`Nov  5`)
 * or not, optionally with a year before the time (`Nov 25 2026 21:29:56`, as some network
 * devices send) and fractional seconds (`21:29:56.123`).
 */
export function parseBsdTimestamp(text: string, at: number, options: BsdTimeOptions): ReadTime | undefined {
  const month = months.get(text.slice(at, at + 3).toLowerCase());
  if (month === undefined || text[at + 3] !== ' ') return undefined;
  let i = at + 4;
  if (text[i] === ' ') i++;
  const dayDigits = countDigits(text, i, 2);
  const day = readDigits(text, i, dayDigits);
  if (dayDigits === 0 || text[i + dayDigits] !== ' ') return undefined;
  i += dayDigits + 1;
  let year: number | undefined;
  if (countDigits(text, i, 5) === 4 && text[i + 4] === ' ') {
    year = readDigits(text, i, 4);
    i += 5;
  }
  const hour = readDigits(text, i, 2);
  const minute = readDigits(text, i + 3, 2);
  const second = readDigits(text, i + 6, 2);
  if (text[i + 2] !== ':' || text[i + 5] !== ':' || Math.min(hour, minute, second) < 0) return undefined;
  const { millisecond, end } = readFraction(text, i + 8);
  const fields = { month, day, hour, minute, second, millisecond };
  const millis =
    year === undefined
      ? yearlessInstant(fields, options.reference, options.offsetMinutes)
      : fromLocal(utcMillis({ ...fields, year }), options.offsetMinutes);
  return millis === undefined ? undefined : { millis, end };
}

function fromLocal(local: number | undefined, offsetMinutes: number): number | undefined {
  return local === undefined ? undefined : local - offsetMinutes * 60_000;
}
