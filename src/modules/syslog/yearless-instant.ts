import { utcMillis, type DateFields } from './utc-millis.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The instant of a timestamp written without a year ("Nov 25 21:29:56"), read in the given
 * offset: the latest year that puts it no more than a day after `reference` (when the line was
 * received, or the file's mtime). So December lines read in January land in the past year, and a
 * sender whose clock runs a little ahead across New Year still lands in the new one. February 29
 * goes back to the last leap year; eight years always reach one.
 */
export function yearlessInstant(
  fields: Omit<DateFields, 'year'>,
  reference: Date,
  offsetMinutes: number,
): number | undefined {
  const offsetMs = offsetMinutes * 60_000;
  const latest = reference.getTime() + dayMs;
  const referenceYear = new Date(reference.getTime() + offsetMs).getUTCFullYear();
  for (let year = referenceYear + 1; year >= referenceYear - 8; year--) {
    const local = utcMillis({ ...fields, year });
    if (local !== undefined && local - offsetMs <= latest) return local - offsetMs;
  }
  return undefined;
}
