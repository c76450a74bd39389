import type { Compare, TimePart } from './modifier-plan.ts';

/** A field value as a number: numbers, and strings that are wholly a decimal number. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

export function compareTest(compare: Compare | undefined, limit: number): (number: number) => boolean {
  switch (compare) {
    case 'lt':
      return (number) => number < limit;
    case 'lte':
      return (number) => number <= limit;
    case 'gt':
      return (number) => number > limit;
    case 'gte':
      return (number) => number >= limit;
    case undefined:
      return (number) => number === limit;
  }
}

/*
 * The time modifiers read a date (epoch milliseconds, as SecurityEvent.time is, or an ISO 8601
 * string) and give one UTC component; the spec leaves time zones out.
 */
export function timePartOf(value: unknown, part: TimePart): number | undefined {
  const time = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(time)) return undefined;
  const date = new Date(time);
  switch (part) {
    case 'minute':
      return date.getUTCMinutes();
    case 'hour':
      return date.getUTCHours();
    case 'day':
      return date.getUTCDate();
    case 'week':
      return isoWeek(date);
    case 'month':
      return date.getUTCMonth() + 1;
    case 'year':
      return date.getUTCFullYear();
  }
}

function isoWeek(date: Date): number {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
}
