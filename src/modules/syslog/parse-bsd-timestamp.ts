import { countDigits, readDigits } from './read-digits.ts';
import { readFraction } from './read-fraction.ts';
import type { ReadTime } from './parse-rfc3339.ts';
import { utcMillisOf } from './utc-millis.ts';
import { yearlessInstant } from './yearless-instant.ts';

/** Month numbers by their three letters in lower case, packed as 0x00aabbcc. */
const months = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, i) => [
    (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2),
    i + 1,
  ]),
);

export interface BsdTimeOptions {
  /** Year-less stamps are placed in the latest year not more than a day after this (epoch ms). */
  reference: number;
  /** The sender's offset from UTC; BSD stamps carry none. */
  offsetMinutes: number;
}

/**
 * An RFC 3164 timestamp at `at`: `Nov 25 21:29:56`, with the day padded by a space (`Nov  5`)
 * or not, optionally with a year before the time (`Nov 25 2026 21:29:56`, as some network
 * devices send) and fractional seconds (`21:29:56.123`).
 */
export function parseBsdTimestamp(text: string, at: number, options: BsdTimeOptions): ReadTime | undefined {
  const month = monthAt(text, at);
  if (month === undefined || text.charCodeAt(at + 3) !== 32) return undefined;
  let i = at + 4;
  if (text.charCodeAt(i) === 32) i++;
  const dayDigits = countDigits(text, i, 2);
  const day = readDigits(text, i, dayDigits);
  if (dayDigits === 0 || text.charCodeAt(i + dayDigits) !== 32) return undefined;
  i += dayDigits + 1;
  let year = -1;
  if (countDigits(text, i, 5) === 4 && text.charCodeAt(i + 4) === 32) {
    year = readDigits(text, i, 4);
    i += 5;
  }
  const hour = readDigits(text, i, 2);
  const minute = readDigits(text, i + 3, 2);
  const second = readDigits(text, i + 6, 2);
  if (text.charCodeAt(i + 2) !== 58 || text.charCodeAt(i + 5) !== 58 || hour < 0 || minute < 0 || second < 0)
    return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const { millisecond, end } = readFraction(text, i + 8);
  const millis =
    year === -1
      ? yearlessInstant(
          month,
          day,
          ((hour * 60 + minute) * 60 + second) * 1000 + millisecond,
          options.reference,
          options.offsetMinutes,
        )
      : fromLocal(utcMillisOf(year, month, day, hour, minute, second, millisecond), options.offsetMinutes);
  return millis === undefined ? undefined : { millis, end };
}

/** The month named by the three letters at `at`, in any case. */
function monthAt(text: string, at: number): number | undefined {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  // Past the end charCodeAt is NaN, and NaN < 128 is false.
  if (!(a < 128 && b < 128 && c < 128)) return undefined;
  // `| 0x20` lower-cases ASCII letters; only letters can then equal a month's lower-case letters.
  return months.get(((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20));
}

function fromLocal(local: number | undefined, offsetMinutes: number): number | undefined {
  return local === undefined ? undefined : local - offsetMinutes * 60_000;
}
