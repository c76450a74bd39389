export interface DateFields {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * The instant the fields name when read as UTC, or undefined when they name none (February 30,
 * 24:00). `setUTCFullYear` rather than `Date.UTC`, which would read years below 100 as 19xx.
 */
export function utcMillis(fields: DateFields): number | undefined {
  const { year, month, day, hour, minute, second, millisecond } = fields;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getUTCDate() === day ? date.getTime() : undefined;
}
