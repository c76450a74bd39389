import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import type { PolicyTaskKind } from './queue-policy-tasks.ts';

export interface PolicyTaskState {
  policyName: string;
  agentId: string;
  revision: string;
  taskId: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  output: string | null;
  /** The task's JSON params. */
  params: string;
}

export interface LatestFilter {
  /** Only tasks the agent has answered (or that timed out), not those queued or out with it. */
  finished?: boolean;
  /** Only tasks that succeeded. */
  succeeded?: boolean;
  /** Only these agents. */
  agents?: readonly string[];
}

const unfinished = ['queued', 'sent'];

/** Key of latestPolicyTasks' map. */
export const hostKey = (policyName: string, agentId: string) => `${policyName}\u0000${agentId}`;

/**
 * Each host's latest plan (or apply) task of each of these policies, by `hostKey`. One query
 * whatever the history's length: the newest per policy and agent is found through the index.
 */
export async function latestPolicyTasks(
  db: Kysely<DB>,
  policyNames: readonly string[],
  kind: PolicyTaskKind,
  filter: LatestFilter = {},
): Promise<Map<string, PolicyTaskState>> {
  if (policyNames.length === 0 || filter.agents?.length === 0) return new Map();
  let query = db
    .selectFrom('firewall_policy_tasks as p')
    .innerJoin('agent_tasks as t', 't.id', 'p.task_id')
    .select([
      'p.policy_name',
      'p.agent_id',
      'p.revision',
      'p.task_id',
      'p.created_at',
      't.status',
      't.finished_at',
      't.output',
      't.params',
    ])
    .where('p.policy_name', 'in', [...policyNames])
    .where('p.kind', '=', kind)
    .where('p.created_at', '=', (eb) => {
      let newest = eb
        .selectFrom('firewall_policy_tasks as q')
        .innerJoin('agent_tasks as u', 'u.id', 'q.task_id')
        .select((inner) => inner.fn.max('q.created_at').as('newest'))
        .whereRef('q.policy_name', '=', 'p.policy_name')
        .whereRef('q.agent_id', '=', 'p.agent_id')
        .where('q.kind', '=', kind);
      if (filter.finished) newest = newest.where('u.status', 'not in', unfinished);
      if (filter.succeeded) newest = newest.where('u.status', '=', 'succeeded');
      return newest;
    });
  if (filter.finished) query = query.where('t.status', 'not in', unfinished);
  if (filter.succeeded) query = query.where('t.status', '=', 'succeeded');
  if (filter.agents) query = query.where('p.agent_id', 'in', [...filter.agents]);
  const rows = await query.execute();
  const latest = new Map<string, PolicyTaskState>();
  for (const row of rows) {
    const key = hostKey(row.policy_name, row.agent_id);
    const known = latest.get(key);
    // Two tasks queued in the same millisecond tie on created_at; the id decides, so every read agrees.
    if (known && known.taskId > row.task_id) continue;
    latest.set(key, {
      policyName: row.policy_name,
      agentId: row.agent_id,
      revision: row.revision,
      taskId: row.task_id,
      status: row.status,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      output: row.output,
      params: row.params,
    });
  }
  return latest;
}
