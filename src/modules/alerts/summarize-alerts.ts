import type { Kysely } from 'kysely';
import type { AlertSummary } from '../../protocol/alerts.ts';
import type { Severity } from '../../protocol/finding.ts';
import type { DB } from '../../store/schema.ts';
import { zeroSeverityCounts } from './zero-severity-counts.ts';

/** Open alerts counted by status and severity: what needs someone's attention. */
export async function summarizeAlerts(db: Kysely<DB>): Promise<AlertSummary> {
  const rows = await db
    .selectFrom('alerts')
    .select((eb) => ['status', 'severity', eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['new', 'acknowledged'])
    .groupBy(['status', 'severity'])
    .execute();
  const summary: AlertSummary = {
    open: 0,
    new: 0,
    openBySeverity: zeroSeverityCounts(),
  };
  for (const row of rows) {
    summary.open += row.n;
    if (row.status === 'new') summary.new += row.n;
    summary.openBySeverity[row.severity as Severity] += row.n;
  }
  return summary;
}
