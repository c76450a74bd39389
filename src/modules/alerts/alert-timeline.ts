import { sql, type Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { AlertTimeline, TimelineBucket, TimelineQuery } from '../../protocol/alerts.ts';
import type { Severity } from '../../protocol/finding.ts';
import type { DB } from '../../store/schema.ts';
import { matchFilters } from './match-filters.ts';
import { zeroSeverityCounts } from './zero-severity-counts.ts';

const hourMs = 3_600_000;
const bucketMs: Record<TimelineBucket, number> = { '1h': hourMs, '6h': 6 * hourMs, '1d': 24 * hourMs };
/** Without `since`: a day of hours, a week of quarter days, a month of days. */
const defaultSpanMs: Record<TimelineBucket, number> = {
  '1h': 24 * hourMs,
  '6h': 7 * 24 * hourMs,
  '1d': 30 * 24 * hourMs,
};
const maxBuckets = 1000;

/**
 * New alerts per time bucket and severity, keyed on when their first event
 * happened. Buckets are aligned to UTC; the database counts per hour (the
 * first 13 characters of an ISO time) and the hours are folded into buckets here.
 */
export async function alertTimeline(db: Kysely<DB>, query: TimelineQuery, now: Date): Promise<AlertTimeline> {
  const size = bucketMs[query.bucket];
  const until = query.until === undefined ? now.getTime() : Date.parse(query.until);
  const since = query.since === undefined ? until - defaultSpanMs[query.bucket] : Date.parse(query.since);
  const start = Math.floor(since / size) * size;
  const count = Math.ceil((until - start) / size);
  if (until <= since || count > maxBuckets) {
    const message =
      until <= since ? 'since must be before until' : `at most ${maxBuckets} buckets; use a larger bucket`;
    throw new AppError('validation_failed', message, { issues: [{ path: 'since', message }] });
  }
  const hour = sql<string>`substr(first_seen, 1, 13)`;
  const rows = await db
    .selectFrom('alerts')
    .select((eb) => [hour.as('hour'), 'severity', eb.fn.countAll<number>().as('n')])
    .where((eb) => matchFilters(eb, query))
    .where('first_seen', '>=', new Date(start).toISOString())
    .where('first_seen', '<', new Date(until).toISOString())
    .groupBy([hour, 'severity'])
    .execute();
  const buckets = Array.from({ length: count }, (_, i) => ({
    start: new Date(start + i * size).toISOString(),
    counts: zeroSeverityCounts(),
  }));
  for (const row of rows) {
    const bucket = buckets[Math.floor((Date.parse(`${row.hour}:00:00.000Z`) - start) / size)];
    if (bucket !== undefined) bucket.counts[row.severity as Severity] += row.n;
  }
  return {
    bucket: query.bucket,
    since: new Date(start).toISOString(),
    until: new Date(until).toISOString(),
    buckets,
  };
}
