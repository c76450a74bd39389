import { Cron } from 'croner';
import type { Deps } from '../deps.ts';
import type { NetscanRunner } from './create-netscan-runner.ts';

/**
 * One job per group with a `schedule`: queues a scan of the group when it comes round, unless
 * one is still waiting (a scan slower than its schedule must not grow the queue without end).
 * And every minute, scans queued where no runner took them (another server process was running
 * one when they were asked for) are run.
 */
export function netscanJobs(deps: Deps, runner: NetscanRunner): Cron[] {
  const queue = new Cron(
    '* * * * *',
    { protect: true, catch: (err) => deps.logger.error({ err }, 'running queued network scans failed') },
    () => runner.runQueued(),
  );
  return [queue, ...groupJobs(deps, runner)];
}

function groupJobs(deps: Deps, runner: NetscanRunner): Cron[] {
  return deps.config.netscan.groups.flatMap((group) =>
    group.schedule === undefined
      ? []
      : [
          new Cron(
            group.schedule,
            {
              protect: true,
              catch: (err) =>
                deps.logger.error({ err, group: group.name }, 'scheduled network scan not queued'),
            },
            async () => {
              const waiting = await deps.database.db
                .selectFrom('net_scans')
                .select('id')
                .where('group_name', '=', group.name)
                .where('status', '=', 'queued')
                .executeTakeFirst();
              if (waiting) {
                deps.logger.warn(
                  { group: group.name, scanId: waiting.id },
                  'network scan still queued; not queued again',
                );
                return;
              }
              await runner.start({ group: group.name }, { requestedBy: 'schedule', trigger: 'schedule' });
            },
          ),
        ],
  );
}
