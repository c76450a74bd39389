import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { renderHostReport, type AuditedPolicy } from '../sca/report-html.ts';
import { activeWaivers, waiversFor } from './active-waivers.ts';
import { requireHost } from './find-host.ts';
import { latestRunsOfHost } from './latest-runs-of-host.ts';
import { reportWaivers } from './report-waivers.ts';
import { storedRun } from './stored-run.ts';

/**
 * One host's report (the same one `vigil audit host --format html` writes) from its latest run
 * of each policy, with the waivers that cover it there. Dated by its latest run.
 */
export async function hostReport(
  db: Kysely<DB>,
  agentId: string,
  now: Date,
  version: string,
): Promise<{ hostname: string; html: string }> {
  const host = await requireHost(db, agentId);
  const runs = await latestRunsOfHost(db, host.id);
  const audited: AuditedPolicy[] = [];
  for (const run of runs) audited.push(await storedRun(db, run));
  const waivers = (await activeWaivers(db, now)).filter(
    (waiver) => waiversFor([waiver], host, waiver.row.policy_id).size > 0,
  );
  const latest = runs.reduce<string | undefined>(
    (at, run) => (at === undefined || run.started_at > at ? run.started_at : at),
    undefined,
  );
  return {
    hostname: host.hostname,
    html: renderHostReport({
      host: host.hostname,
      target: `host ${host.hostname} (group ${host.group}) through its Vigil agent`,
      generatedAt: latest === undefined ? now : new Date(latest),
      version,
      audited,
      waivers: await reportWaivers(db, waivers),
    }),
  };
}
