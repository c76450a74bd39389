import { sql, type Kysely } from 'kysely';
import { severities, type Severity } from '../../protocol/finding.ts';
import type { VulnSummary } from '../../protocol/vuln-api.ts';
import type { DB } from '../../store/schema.ts';
import { listFeeds } from './list-feeds.ts';

/** Hosts and packages listed, worst first; the rest are reached through the findings list. */
const topRows = 500;
const trendDays = 30;

const countWhen = (condition: ReturnType<typeof sql>) =>
  sql<number | string>`sum(case when ${condition} then 1 else 0 end)`;

/** Open findings counted every way the console shows them, the 30-day trend and the feeds. */
export async function getVulnSummary(
  db: Kysely<DB>,
  now: Date,
  staleAfterHours: number,
): Promise<VulnSummary> {
  const open = db.selectFrom('vuln_findings').where('status', '=', 'open');
  const nowIso = now.toISOString();
  const totals = await open
    .select([
      (eb) => eb.fn.countAll<number | string>().as('open'),
      countWhen(sql`kev = 1`).as('kev'),
      countWhen(sql`fix_state = 'fixed'`).as('fixAvailable'),
      countWhen(sql`due_at < ${nowIso}`).as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  const bySeverityRows = await open
    .select(['severity', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('severity')
    .execute();
  const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  for (const row of bySeverityRows)
    if ((severities as readonly string[]).includes(row.severity))
      bySeverity[row.severity as Severity] = Number(row.n);

  const hosts = await open
    .select([
      'agent_id',
      (eb) => eb.fn.max('hostname').as('hostname'),
      (eb) => eb.fn.countAll<number | string>().as('open'),
      countWhen(sql`severity = 'critical'`).as('critical'),
      countWhen(sql`severity = 'high'`).as('high'),
      countWhen(sql`kev = 1`).as('kev'),
      (eb) => eb.fn.max('risk').as('maxRisk'),
    ])
    .groupBy('agent_id')
    .orderBy('maxRisk', 'desc')
    .orderBy('open', 'desc')
    .orderBy('agent_id')
    .limit(topRows)
    .execute();
  const packages = await open
    .select([
      'package_name',
      'package_source',
      (eb) => eb.fn.count<number | string>('agent_id').distinct().as('hosts'),
      (eb) => eb.fn.countAll<number | string>().as('findings'),
      countWhen(sql`fix_state = 'fixed'`).as('fixAvailable'),
      (eb) => eb.fn.max('risk').as('maxRisk'),
    ])
    .groupBy(['package_name', 'package_source'])
    .orderBy('maxRisk', 'desc')
    .orderBy('findings', 'desc')
    .orderBy('package_name')
    .limit(topRows)
    .execute();

  const openCount = Number(totals.open);
  const fixAvailable = Number(totals.fixAvailable);
  return {
    open: openCount,
    bySeverity,
    kev: Number(totals.kev),
    fixAvailable,
    noFix: openCount - fixAvailable,
    overdue: Number(totals.overdue),
    hosts: hosts.map((h) => ({
      agentId: h.agent_id,
      hostname: h.hostname,
      open: Number(h.open),
      critical: Number(h.critical),
      high: Number(h.high),
      kev: Number(h.kev),
      maxRisk: h.maxRisk,
    })),
    packages: packages.map((p) => ({
      name: p.package_name,
      source: p.package_source,
      hosts: Number(p.hosts),
      findings: Number(p.findings),
      fixAvailable: Number(p.fixAvailable),
      maxRisk: p.maxRisk,
    })),
    trend: await readTrend(db, now),
    feeds: await listFeeds(db, now, staleAfterHours),
  };
}

/**
 * The last 30 days, oldest first. A day without a scan kept the counts of the day before (nothing
 * changed them); days before the first scan count zero.
 */
async function readTrend(db: Kysely<DB>, now: Date): Promise<VulnSummary['trend']> {
  const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  const first = day(trendDays - 1);
  const rows = await db
    .selectFrom('vuln_trend')
    .selectAll()
    .where('date', '>=', first)
    .orderBy('date')
    .execute();
  const before = await db
    .selectFrom('vuln_trend')
    .selectAll()
    .where('date', '<', first)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
  const byDate = new Map(rows.map((row) => [row.date, row]));
  let carried = before
    ? { open: before.open, critical: before.critical, high: before.high }
    : { open: 0, critical: 0, high: 0 };
  const trend: VulnSummary['trend'] = [];
  for (let offset = trendDays - 1; offset >= 0; offset -= 1) {
    const date = day(offset);
    const row = byDate.get(date);
    if (row) carried = { open: row.open, critical: row.critical, high: row.high };
    trend.push({ date, ...carried });
  }
  return trend;
}
