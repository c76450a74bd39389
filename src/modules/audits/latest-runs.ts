import type { Kysely } from 'kysely';
import type { DB, ScaRunRow } from '../../store/schema.ts';

/** Each host's latest run of each policy (by when it started), of unrevoked hosts; optionally one host's. */
export async function latestRuns(db: Kysely<DB>, agentId?: string): Promise<ScaRunRow[]> {
  const rows = await db
    .selectFrom('sca_runs as r')
    .innerJoin('agents as a', 'a.id', 'r.agent_id')
    .selectAll('r')
    .where('a.revoked_at', 'is', null)
    .$if(agentId !== undefined, (q) => q.where('r.agent_id', '=', agentId ?? ''))
    .where('r.started_at', '=', (eb) =>
      eb
        .selectFrom('sca_runs as l')
        .select((inner) => inner.fn.max('l.started_at').as('latest'))
        .whereRef('l.agent_id', '=', 'r.agent_id')
        .whereRef('l.policy_id', '=', 'r.policy_id'),
    )
    .orderBy('r.agent_id')
    .orderBy('r.policy_id')
    .orderBy('r.id', 'desc')
    .execute();
  // Two runs started in the same millisecond: keep one.
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.agent_id}\n${row.policy_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
