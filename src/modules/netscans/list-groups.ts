import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import type { NetScanConfig } from '../../platform/netscan-config.ts';
import type { NetScanGroupList } from '../../protocol/netscan-api.ts';
import type { DB } from '../../store/schema.ts';
import { summaryColumns, toScanSummary } from './scan-summary.ts';

/** The configured groups, each with its next scheduled run and its latest scan. */
export async function listGroups(
  db: Kysely<DB>,
  config: NetScanConfig,
  now: Date,
): Promise<NetScanGroupList> {
  const groups = await Promise.all(
    config.groups.map(async (group) => {
      const last = await db
        .selectFrom('net_scans')
        .select([...summaryColumns])
        .where('group_name', '=', group.name)
        .orderBy('queued_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const next = group.schedule ? new Cron(group.schedule, { paused: true }).nextRun(now) : null;
      return {
        name: group.name,
        targets: group.targets,
        ports: group.ports ?? config.defaults.ports,
        checks: group.checks,
        schedule: group.schedule ?? null,
        nextRunAt: next?.toISOString() ?? null,
        internetFacing: group.internetFacing,
        lastScan: last ? toScanSummary(last) : null,
      };
    }),
  );
  return { groups, scope: config.scope, exclude: config.exclude };
}
