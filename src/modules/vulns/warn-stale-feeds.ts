import type { Deps } from '../deps.ts';
import { listFeeds } from './list-feeds.ts';

/** Logs a warning for each feed older than `vuln.staleAfterHours`; returns their names. */
export async function warnStaleFeeds(deps: Deps): Promise<string[]> {
  const feeds = await listFeeds(deps.database.db, deps.clock.now(), deps.config.vuln.staleAfterHours);
  const stale = feeds.filter((feed) => feed.stale);
  for (const feed of stale)
    deps.logger.warn(
      {
        feed: feed.name,
        kind: feed.kind,
        importedAt: feed.importedAt,
        staleAfterHours: deps.config.vuln.staleAfterHours,
      },
      'vulnerability feed is stale: findings may miss recent advisories; import a fresh copy',
    );
  return stale.map((feed) => feed.name);
}
