import type { Kysely } from 'kysely';
import type { DB, ScaRunRow } from '../../store/schema.ts';

/** A host's latest run of each policy still stored, with the policy's name, by policy id; revoked hosts too. */
export async function latestRunsOfHost(
  db: Kysely<DB>,
  agentId: string,
): Promise<(ScaRunRow & { name: string })[]> {
  const rows = await db
    .selectFrom('sca_runs as r')
    .innerJoin('sca_policies as p', 'p.id', 'r.policy_id')
    .selectAll('r')
    .select('p.name')
    .where('r.agent_id', '=', agentId)
    .orderBy('r.policy_id')
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (seen.has(row.policy_id)) return false;
    seen.add(row.policy_id);
    return true;
  });
}
