import type { Deps } from '../deps.ts';
import { scanAgent } from './scan-agent.ts';
import { readFeedKeys } from './vuln-index-cache.ts';

/**
 * Matches every host whose inventory or the feeds changed since its last match (all hosts, once
 * after an import; or those named). A host that fails is logged and the rest go on. Revoked
 * hosts' findings are dropped: they are not part of the fleet any more. Returns the hosts matched.
 */
export async function scanDueHosts(
  deps: Deps,
  options: { force?: boolean; agentIds?: string[] } = {},
): Promise<number> {
  const { db } = deps.database;
  const revoked = db.selectFrom('agents').select('id').where('revoked_at', 'is not', null);
  // Read first: a periodic job that writes when there is nothing to write holds SQLite's lock for nothing.
  const gone = await db
    .selectFrom('vuln_scans')
    .select('agent_id')
    .where('agent_id', 'in', revoked)
    .execute();
  if (gone.length > 0) {
    const ids = gone.map((row) => row.agent_id);
    await db.deleteFrom('vuln_findings').where('agent_id', 'in', ids).execute();
    await db.deleteFrom('vuln_scans').where('agent_id', 'in', ids).execute();
  }

  const { all } = await readFeedKeys(db);
  let query = db
    .selectFrom('host_inventory as i')
    .innerJoin('agents as a', 'a.id', 'i.agent_id')
    .leftJoin('vuln_scans as s', 's.agent_id', 'i.agent_id')
    .select(['i.agent_id', 'i.received_at', 's.inventory_at', 's.feeds_key'])
    .where('a.revoked_at', 'is', null);
  if (options.agentIds !== undefined) {
    if (options.agentIds.length === 0) return 0;
    query = query.where('i.agent_id', 'in', options.agentIds);
  }
  const hosts = await query.orderBy('i.agent_id').execute();
  let scanned = 0;
  for (const host of hosts) {
    const due = options.force === true || host.inventory_at !== host.received_at || host.feeds_key !== all;
    if (!due) continue;
    try {
      const result = await scanAgent(deps, host.agent_id);
      scanned += 1;
      deps.logger.debug(
        { agentId: host.agent_id, ...result },
        'host matched against the vulnerability feeds',
      );
    } catch (err) {
      deps.logger.error(
        { err, agentId: host.agent_id },
        'matching a host against the vulnerability feeds failed',
      );
    }
  }
  return scanned;
}
