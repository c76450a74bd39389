import { countDigits, readDigits } from './read-digits.ts';
import { fractionEnd, fractionMillis } from './read-fraction.ts';
import type { ReadTime } from './parse-rfc3339.ts';
import { utcMillis } from './utc-millis.ts';
import { yearlessInstant } from './yearless-instant.ts';

/** Month numbers by their three letters in lower case, packed as 0x00aabbcc. */
const months = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, i) => [
    (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2),
    i + 1,
  ]),
);

/**
 * An RFC 3164 timestamp at `at`, into `into`; false (and `into` unspecified) when there is none:
 * `Nov 25 21:29:56`, with the day padded by a space (`Nov  5`) or not, optionally with a year
 * before the time (`Nov 25 2026 21:29:56`, as some network devices send) and fractional seconds
 * (`21:29:56.123`). BSD stamps carry no offset: the sender's is `offsetMinutes`. Year-less ones
 * are placed in the latest year not more than a day after `reference` (epoch ms).
 */
export function parseBsdTimestamp(
  text: string,
  at: number,
  reference: number,
  offsetMinutes: number,
  into: ReadTime,
): boolean {
  const month = monthAt(text, at);
  if (month === 0 || text.charCodeAt(at + 3) !== 32) return false;
  let i = at + 4;
  if (text.charCodeAt(i) === 32) i++;
  const dayDigits = text.charCodeAt(i + 1) === 32 ? 1 : 2;
  const day = readDigits(text, i, dayDigits);
  if (day < 0 || text.charCodeAt(i + dayDigits) !== 32) return false;
  i += dayDigits + 1;
  let year = -1;
  // Most stamps have the hour here, whose colon rules a year out at once.
  if (text.charCodeAt(i + 2) !== 58 && countDigits(text, i, 5) === 4 && text.charCodeAt(i + 4) === 32) {
    year = readDigits(text, i, 4);
    i += 5;
  }
  const hour = readDigits(text, i, 2);
  const minute = readDigits(text, i + 3, 2);
  const second = readDigits(text, i + 6, 2);
  if (text.charCodeAt(i + 2) !== 58 || text.charCodeAt(i + 5) !== 58 || hour < 0 || minute < 0 || second < 0)
    return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  const millisecond = fractionMillis(text, i + 8);
  const millis =
    year === -1
      ? yearlessInstant(
          month,
          day,
          ((hour * 60 + minute) * 60 + second) * 1000 + millisecond,
          reference,
          offsetMinutes,
        )
      : fromLocal(utcMillis(year, month, day, hour, minute, second, millisecond), offsetMinutes);
  if (millis === undefined) return false;
  into.millis = millis;
  into.end = fractionEnd(text, i + 8);
  return true;
}

/** The last three letters looked up, and their month: consecutive lines mostly share it. */
let lastKey = -1;
let lastMonth = 0;

/** The month (1–12) named by the three letters at `at`, in any case; 0 when they name none. */
function monthAt(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  // Past the end charCodeAt is NaN, and NaN < 128 is false.
  if (!(a < 128 && b < 128 && c < 128)) return 0;
  // `| 0x20` lower-cases ASCII letters; only letters can then equal a month's lower-case letters.
  const key = ((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20);
  if (key !== lastKey) {
    lastMonth = months.get(key) ?? 0;
    lastKey = key;
  }
  return lastMonth;
}

function fromLocal(local: number | undefined, offsetMinutes: number): number | undefined {
  return local === undefined ? undefined : local - offsetMinutes * 60_000;
}
