import type { Deps } from '../deps.ts';
import { ringTaskBell } from '../tasks/task-bell.ts';
import { queueAuditTask } from './queue-audit-task.ts';

/** A run a few minutes early still counts, so a check every minute never slips a host by an interval. */
const slackMs = 5 * 60_000;

/**
 * For the scheduler (every agent) and an agent's first poll (that agent): queues `sca.run` of
 * every approved policy assigned to the host's group that the host was not sent within
 * `audit.intervalHours`, so a new host is audited at once and every host again each interval.
 * A host whose previous run of the policy is still queued or out is not sent another (an offline
 * host would otherwise find a pile). Each (host, policy) is claimed with a conditional write, so
 * with several server processes on one database exactly one queues it. Returns how many were queued.
 */
export async function scheduleAudits(deps: Deps, now: Date, agentId?: string): Promise<number> {
  const { db } = deps.database;
  const key = deps.taskSigningKey;
  const hours = deps.config.audit.intervalHours;
  if (!key || hours === 0) return 0;
  const due = new Date(now.getTime() - hours * 3_600_000 + slackMs).toISOString();
  let pairsQuery = db
    .selectFrom('agents as a')
    .innerJoin('sca_policy_groups as g', 'g.group_name', 'a.group_name')
    .innerJoin('sca_policies as p', 'p.id', 'g.policy_id')
    .select(['a.id as agentId', 'a.hostname', 'p.id as policyId', 'p.sha256'])
    .where('a.revoked_at', 'is', null)
    .where('p.approved_at', 'is not', null);
  let scheduleQuery = db
    .selectFrom('sca_schedule as s')
    .leftJoin('agent_tasks as t', 't.id', 's.task_id')
    .select(['s.agent_id', 's.policy_id', 's.queued_at', 't.status']);
  if (agentId !== undefined) {
    pairsQuery = pairsQuery.where('a.id', '=', agentId);
    scheduleQuery = scheduleQuery.where('s.agent_id', '=', agentId);
  }
  const pairs = await pairsQuery.orderBy('a.id').orderBy('p.id').execute();
  if (pairs.length === 0) return 0;
  const schedule = new Map(
    (await scheduleQuery.execute()).map((row) => [`${row.agent_id}\n${row.policy_id}`, row]),
  );
  const sources = new Map<string, string>();
  let queued = 0;
  for (const pair of pairs) {
    const last = schedule.get(`${pair.agentId}\n${pair.policyId}`);
    if (last && (last.queued_at > due || last.status === 'queued' || last.status === 'sent')) continue;
    let source = sources.get(pair.sha256);
    if (source === undefined) {
      const row = await db
        .selectFrom('sca_policies')
        .select('source')
        .where('id', '=', pair.policyId)
        .where('sha256', '=', pair.sha256)
        .executeTakeFirst();
      // Replaced since the listing above: the next pass sends the new version.
      if (!row) continue;
      source = row.source;
      sources.set(pair.sha256, source);
    }
    const sent = await db.transaction().execute(async (trx) => {
      const claim = last
        ? await trx
            .updateTable('sca_schedule')
            .set({ queued_at: now.toISOString() })
            .where('agent_id', '=', pair.agentId)
            .where('policy_id', '=', pair.policyId)
            .where('queued_at', '=', last.queued_at)
            .executeTakeFirst()
            .then((result) => Number(result.numUpdatedRows))
        : await trx
            .insertInto('sca_schedule')
            .values({
              agent_id: pair.agentId,
              policy_id: pair.policyId,
              queued_at: now.toISOString(),
              task_id: null,
            })
            .onConflict((oc) => oc.columns(['agent_id', 'policy_id']).doNothing())
            .executeTakeFirst()
            .then((result) => Number(result.numInsertedOrUpdatedRows ?? 0));
      if (claim === 0) return false;
      await queueAuditTask(
        trx,
        key,
        {
          host: { id: pair.agentId, hostname: pair.hostname },
          policy: { id: pair.policyId, sha256: pair.sha256, source },
        },
        null,
        now,
      );
      return true;
    });
    if (!sent) continue;
    queued += 1;
    ringTaskBell(pair.agentId);
  }
  return queued;
}

/**
 * For the task routes' `beforePoll`: the first poll this process sees from an agent checks what
 * is due for it, so a host that just enrolled is audited at once rather than at the next pass of
 * the scheduler. Later polls cost nothing.
 */
export function createAuditFirstPoll(deps: Deps): (agentId: string) => Promise<void> {
  const seen = new Set<string>();
  return async (agentId) => {
    if (seen.has(agentId)) return;
    seen.add(agentId);
    await scheduleAudits(deps, deps.clock.now(), agentId);
  };
}
