import { dayStartMillis } from './utc-millis.ts';

const dayMs = 86_400_000;
const yearMs = 365.2425 * dayMs;

/**
 * The instant of a timestamp written without a year ("Nov 25 21:29:56"), read in the given
 * offset: the latest year that puts it no more than a day after `referenceMs` (when the line was
 * received, or the file's mtime). So December lines read in January land in the past year, and a
 * sender whose clock runs a little ahead across New Year still lands in the new one. February 29
 * goes back to the last leap year; eight years always reach one.
 *
 * `timeOfDayMs` is the time after local midnight. The year depends on the date and, only on the
 * day after the reference, on the time; the last date's answer is kept, so a file's lines (most
 * of which share their date with the line before) cost a comparison and an addition.
 */
export function yearlessInstant(
  month: number,
  day: number,
  timeOfDayMs: number,
  referenceMs: number,
  offsetMinutes: number,
): number | undefined {
  if (
    month !== last.month ||
    day !== last.day ||
    referenceMs !== last.referenceMs ||
    offsetMinutes !== last.offsetMinutes
  ) {
    resolveDate(month, day, referenceMs, offsetMinutes);
  }
  const start = timeOfDayMs <= last.latestTimeOfDay ? last.start : last.before;
  return Number.isNaN(start) ? undefined : start + timeOfDayMs - offsetMinutes * 60_000;
}

/** The last date resolved: the local midnight of its year and, for times past latestTimeOfDay, of the year before. */
const last = {
  month: -1,
  day: -1,
  referenceMs: NaN,
  offsetMinutes: NaN,
  /** Local midnight (as UTC ms) in the year the date's earliest times land in; NaN when none. */
  start: NaN,
  /** Times of day after this land in the year before (`before`). */
  latestTimeOfDay: Infinity,
  before: NaN,
};

function resolveDate(month: number, day: number, referenceMs: number, offsetMinutes: number): void {
  const offsetMs = offsetMinutes * 60_000;
  const latest = referenceMs + dayMs;
  const referenceYear = yearOf(referenceMs + offsetMs);
  last.month = month;
  last.day = day;
  last.referenceMs = referenceMs;
  last.offsetMinutes = offsetMinutes;
  last.start = NaN;
  last.latestTimeOfDay = Infinity;
  last.before = NaN;
  let year = referenceYear + 1;
  for (; year >= referenceYear - 8; year--) {
    const start = dayStartMillis(year, month, day);
    // The first year (going back) where the date's first millisecond is not too late.
    if (start !== undefined && start - offsetMs <= latest) {
      last.start = start;
      last.latestTimeOfDay = latest + offsetMs - start;
      break;
    }
  }
  if (last.latestTimeOfDay >= dayMs - 1) return;
  // The date straddles the limit: its later times go to the next year back that has the date.
  for (year--; year >= referenceYear - 8; year--) {
    const start = dayStartMillis(year, month, day);
    if (start !== undefined) {
      last.before = start;
      return;
    }
  }
}

/** The UTC calendar year of an instant. */
function yearOf(ms: number): number {
  // An estimate within a year, corrected against the real start of the year.
  let year = 1970 + Math.floor(ms / yearMs);
  while ((dayStartMillis(year, 1, 1) ?? 0) > ms) year--;
  while ((dayStartMillis(year + 1, 1, 1) ?? 0) <= ms) year++;
  return year;
}
