import { Cron } from 'croner';
import type { Deps } from '../deps.ts';
import { downloadDueFeeds } from './download-due-feeds.ts';
import { scanDueHosts } from './scan-due-hosts.ts';
import { warnStaleFeeds } from './warn-stale-feeds.ts';

/**
 * The server's vulnerability jobs: match hosts whose inventory or feeds changed every
 * `vuln.scanIntervalSeconds`; hourly (and at start) download the scheduled feeds that are due
 * and warn about stale ones.
 */
export function vulnJobs(deps: Deps): Cron[] {
  const scan = new Cron(
    '* * * * * *',
    {
      interval: deps.config.vuln.scanIntervalSeconds,
      protect: true,
      catch: (err) => deps.logger.error({ err }, 'vulnerability matching failed to run'),
    },
    async () => {
      const scanned = await scanDueHosts(deps);
      if (scanned > 0) deps.logger.debug({ hosts: scanned }, 'hosts matched against the vulnerability feeds');
    },
  );
  const feeds = new Cron(
    '11 * * * *',
    { protect: true, catch: (err) => deps.logger.error({ err }, 'vulnerability feed check failed to run') },
    async () => {
      await downloadDueFeeds(deps);
      await warnStaleFeeds(deps);
    },
  );
  void feeds.trigger();
  return [scan, feeds];
}
