import { readDigits } from './read-digits.ts';
import { readFraction } from './read-fraction.ts';
import { utcMillis } from './utc-millis.ts';

/** A timestamp read from a line: the instant, and where its text ends. */
export interface ReadTime {
  millis: number;
  end: number;
}

/**
 * An RFC 3339 timestamp at `at`, such as `2003-08-24T05:14:15.000003-07:00`. One without an
 * offset is not RFC 3339, but some devices send it: it is read in `defaultOffsetMinutes`.
 */
export function parseRfc3339(text: string, at: number, defaultOffsetMinutes: number): ReadTime | undefined {
  if (
    text[at + 4] !== '-' ||
    text[at + 7] !== '-' ||
    (text[at + 10] !== 'T' && text[at + 10] !== 't') ||
    text[at + 13] !== ':' ||
    text[at + 16] !== ':'
  )
    return undefined;
  const year = readDigits(text, at, 4);
  const month = readDigits(text, at + 5, 2);
  const day = readDigits(text, at + 8, 2);
  const hour = readDigits(text, at + 11, 2);
  const minute = readDigits(text, at + 14, 2);
  const second = readDigits(text, at + 17, 2);
  if (Math.min(year, month, day, hour, minute, second) < 0) return undefined;
  const { millisecond, end } = readFraction(text, at + 19);
  const local = utcMillis({ year, month, day, hour, minute, second, millisecond });
  if (local === undefined) return undefined;
  const zone = readOffset(text, end);
  const offsetMinutes = zone?.minutes ?? defaultOffsetMinutes;
  return { millis: local - offsetMinutes * 60_000, end: zone?.end ?? end };
}

/** `Z`, `+02:00` or `-0700`: minutes east of UTC. */
function readOffset(text: string, at: number): { minutes: number; end: number } | undefined {
  const sign = text[at];
  if (sign === 'Z' || sign === 'z') return { minutes: 0, end: at + 1 };
  if (sign !== '+' && sign !== '-') return undefined;
  const colon = text[at + 3] === ':' ? 1 : 0;
  const hours = readDigits(text, at + 1, 2);
  const minutes = readDigits(text, at + 3 + colon, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  return { minutes: sign === '-' ? -total : total, end: at + 5 + colon };
}
