const dayMs = 86_400_000;

/**
 * The instant the date and time name when read as UTC, or undefined when they name none (February 30,
 * 24:00). Arithmetic only, no Date: it runs for every timestamped line. Years below 100 are
 * years of the common era, not 19xx as `Date.UTC` would read them.
 */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number | undefined {
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const start = dayStartMillis(year, month, day);
  return start === undefined ? undefined : start + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}

/** Midnight UTC of the date, or undefined when the date does not exist (month 13, April 31, Feb 29 of 2026). */
export function dayStartMillis(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day) * dayMs;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
