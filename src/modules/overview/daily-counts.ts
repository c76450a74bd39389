import { sql, type Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';

export interface DailyCount {
  day: string;
  success: number;
  failure: number;
}

/** Audit entries per UTC day for the last `days` days, split into success and everything else. */
export async function dailyAuditCounts(
  db: Kysely<DB>,
  now: Date,
  days: number,
  filter: { action: string; include: boolean },
): Promise<DailyCount[]> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const day = sql<string>`substr(at, 1, 10)`;
  const rows = await db
    .selectFrom('audit_log')
    .select([day.as('day'), 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('at', '>=', start.toISOString())
    .where('action', filter.include ? '=' : '!=', filter.action)
    .groupBy([day, 'outcome'])
    .execute();
  const series = Array.from({ length: days }, (_, i) => ({
    day: new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10),
    success: 0,
    failure: 0,
  }));
  const byDay = new Map(series.map((point) => [point.day, point]));
  for (const row of rows) {
    const point = byDay.get(row.day);
    if (!point) continue;
    if (row.outcome === 'success') point.success += row.n;
    else point.failure += row.n;
  }
  return series;
}
