import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';

/** Writes today's open, critical and high counts; the last write of a day is that day's point. */
export async function updateTrend(db: Kysely<DB>, now: Date): Promise<void> {
  const rows = await db
    .selectFrom('vuln_findings')
    .select(['severity', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'open')
    .groupBy('severity')
    .execute();
  const count = (severity?: string) =>
    rows
      .filter((row) => severity === undefined || row.severity === severity)
      .reduce((sum, row) => sum + Number(row.n), 0);
  const point = {
    date: now.toISOString().slice(0, 10),
    open: count(),
    critical: count('critical'),
    high: count('high'),
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('vuln_trend')
    .values(point)
    .onConflict((oc) =>
      oc.column('date').doUpdateSet({
        open: point.open,
        critical: point.critical,
        high: point.high,
        updated_at: point.updated_at,
      }),
    )
    .execute();
}
