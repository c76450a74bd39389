import { readDigits } from './read-digits.ts';
import { fractionEnd, fractionMillis } from './read-fraction.ts';
import { utcMillis } from './utc-millis.ts';

/**
 * A timestamp read from a line: the instant, and where its text ends. The readers fill in one
 * the caller keeps, so reading a line's time allocates nothing.
 */
export interface ReadTime {
  millis: number;
  end: number;
}

/**
 * An RFC 3339 timestamp at `at`, such as `2003-08-24T05:14:15.000003-07:00`, into `into`; false
 * (and `into` unspecified) when there is none. One without an offset is not RFC 3339, but some
 * devices send it: it is read in `defaultOffsetMinutes`.
 */
export function parseRfc3339(
  text: string,
  at: number,
  defaultOffsetMinutes: number,
  into: ReadTime,
): boolean {
  const t = text.charCodeAt(at + 10);
  if (
    text.charCodeAt(at + 4) !== 45 /* - */ ||
    text.charCodeAt(at + 7) !== 45 ||
    (t !== 84 /* T */ && t !== 116) /* t */ ||
    text.charCodeAt(at + 13) !== 58 /* : */ ||
    text.charCodeAt(at + 16) !== 58
  )
    return false;
  const year = readDigits(text, at, 4);
  const month = readDigits(text, at + 5, 2);
  const day = readDigits(text, at + 8, 2);
  const hour = readDigits(text, at + 11, 2);
  const minute = readDigits(text, at + 14, 2);
  const second = readDigits(text, at + 17, 2);
  if (Math.min(year, month, day, hour, minute, second) < 0) return false;
  const local = utcMillis(year, month, day, hour, minute, second, fractionMillis(text, at + 19));
  if (local === undefined) return false;
  into.millis = local;
  into.end = fractionEnd(text, at + 19);
  if (!readOffset(text, into)) into.millis -= defaultOffsetMinutes * 60_000;
  return true;
}

/** `Z`, `+02:00` or `-0700` at `into.end`: when there, applied to `into.millis` and read past. */
function readOffset(text: string, into: ReadTime): boolean {
  const at = into.end;
  const sign = text.charCodeAt(at);
  if (sign === 90 /* Z */ || sign === 122 /* z */) {
    into.end = at + 1;
    return true;
  }
  if (sign !== 43 /* + */ && sign !== 45 /* - */) return false;
  const colon = text.charCodeAt(at + 3) === 58 /* : */ ? 1 : 0;
  const hours = readDigits(text, at + 1, 2);
  const minutes = readDigits(text, at + 3 + colon, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return false;
  const east = hours * 60 + minutes;
  into.millis -= (sign === 45 ? -east : east) * 60_000;
  into.end = at + 5 + colon;
  return true;
}
