import { dayStartMillis } from '../syslog/utc-millis.ts';

const months = new Map(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((name, i) => [
    name,
    i + 1,
  ]),
);

/**
 * Common Log Format time, "10/Oct/2000:13:55:36 -0700", as epoch ms; undefined when malformed.
 * Read by hand with the day's start kept from the line before; fields are not range-checked
 * (as with Date.UTC, 25:61:61 runs over into the next day), and two-digit years are 19xx.
 */
export function parseClfTime(text: string): number | undefined {
  // dd/Mon/yyyy:hh:mm:ss[.f{1,6}] ±hhmm
  const length = text.length;
  if (length < 26 || length > 33) return undefined;
  if (text.charCodeAt(2) !== 47 || text.charCodeAt(6) !== 47 || text.charCodeAt(11) !== 58) return undefined;
  if (text.charCodeAt(14) !== 58 || text.charCodeAt(17) !== 58) return undefined;
  const dayPart = text.slice(0, 11);
  let dayStart: number;
  if (dayPart === last.dayPart) dayStart = last.dayStart;
  else {
    const day = digits(text, 0, 2);
    const month = monthAt(text, 3);
    let year = digits(text, 7, 4);
    if (day < 0 || month === undefined || year < 0) return undefined;
    if (year <= 99) year += 1900;
    const first = dayStartMillis(year, month, 1);
    if (first === undefined) return undefined;
    dayStart = first + (day - 1) * 86_400_000;
    last.dayPart = dayPart;
    last.dayStart = dayStart;
  }
  const hour = digits(text, 12, 2);
  const minute = digits(text, 15, 2);
  const second = digits(text, 18, 2);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  let i = 20;
  let fraction = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    let end = i + 1;
    while (end < length && isDigit(text.charCodeAt(end))) end++;
    const count = end - i - 1;
    if (count < 1 || count > 6) return undefined;
    fraction = Math.floor(Number(`0.${text.slice(i + 1, end)}`) * 1000);
    i = end;
  }
  // " +hhmm" ends the text.
  if (length !== i + 6 || text.charCodeAt(i) !== 32) return undefined;
  const sign = text.charCodeAt(i + 1);
  if (sign !== 43 && sign !== 45) return undefined;
  const offsetHours = digits(text, i + 2, 2);
  const offsetMinutes = digits(text, i + 4, 2);
  if (offsetHours < 0 || offsetMinutes < 0) return undefined;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === 45 ? -1 : 1);
  return dayStart + ((hour * 60 + minute) * 60 + second) * 1000 - offset + fraction;
}

const last = { dayPart: '', dayStart: 0 };

/** A month's three letters as written ("Oct", capital first), 1–12. */
function monthAt(text: string, at: number): number | undefined {
  const first = text.charCodeAt(at);
  if (first < 65 || first > 90) return undefined;
  return months.get(text.slice(at, at + 3));
}

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
