import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { ScaRunParams, type AuditResultsRequest } from '../../protocol/audits-api.ts';
import type { ScaResult } from '../../protocol/sca.ts';
import type { DB, ScaResultsTable } from '../../store/schema.ts';
import type { Deps } from '../deps.ts';
import { frameworkCounts } from './framework-counts.ts';
import { policyVersion } from './policy-version.ts';

export interface StoredAuditRun {
  runId: string;
  /** False when this task's run was stored before (the agent posted again after a lost answer). */
  created: boolean;
}

/** Rows per insert: well under both backends' bound-parameter limits. */
const batch = 400;

/**
 * Stores a run an agent posts for its own `sca.run` task: the run must be of the policy version
 * the task carried, and that policy still on the server. One run per task, so a repeated post
 * is stored once. Runs past `audit.keepRuns` for the host and policy are deleted, oldest first.
 */
export async function storeAuditRun(
  deps: Deps,
  agentId: string,
  body: AuditResultsRequest,
  now: Date,
): Promise<StoredAuditRun> {
  const { db } = deps.database;
  const { run } = body;
  const task = await db
    .selectFrom('agent_tasks')
    .select(['agent_id', 'kind', 'params'])
    .where('id', '=', body.taskId)
    .executeTakeFirst();
  // Another agent's task looks exactly like a missing one, as for task results.
  if (!task || task.agent_id !== agentId) throw new AppError('not_found', 'no such task for this agent');
  if (task.kind !== 'sca.run')
    throw new AppError('conflict', `task ${body.taskId} is not an audit (sca.run)`);
  const params = ScaRunParams.safeParse(JSON.parse(task.params));
  if (!params.success || params.data.sha256 !== run.sha256)
    throw new AppError('conflict', 'the run is not of the policy version its task carried');
  const version = await db
    .selectFrom('sca_policy_versions')
    .select('policy_id')
    .where('sha256', '=', run.sha256)
    .executeTakeFirst();
  if (version?.policy_id !== run.policyId)
    throw new AppError('not_found', `audit policy ${run.policyId} is not on this server (deleted since?)`);
  const existing = await findRunOfTask(db, body.taskId);
  if (existing) return { runId: existing, created: false };

  const runId = deps.random.uuid();
  const policy = await policyVersion(db, run.sha256);
  const seen = new Set<number>();
  const rows: ScaResultsTable[] = [];
  for (const result of run.results) {
    // A check reported twice is a broken agent; the first answer stands.
    if (seen.has(result.checkId)) continue;
    seen.add(result.checkId);
    rows.push({
      run_id: runId,
      check_id: result.checkId,
      name: result.name,
      result: result.result,
      severity: result.severity,
      condition: result.condition,
      reason: result.reason ?? null,
      rules: JSON.stringify(result.rules),
    });
  }
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sca_runs')
        .values({
          id: runId,
          agent_id: agentId,
          policy_id: run.policyId,
          sha256: run.sha256,
          task_id: body.taskId,
          started_at: new Date(run.startedAt).toISOString(),
          received_at: now.toISOString(),
          duration_ms: run.durationMs,
          applicable: run.applicable ? 1 : 0,
          passed: count(rows, 'passed'),
          failed: count(rows, 'failed'),
          not_applicable: count(rows, 'not_applicable'),
          frameworks: JSON.stringify(
            frameworkCounts(
              policy,
              rows.map((row) => ({ checkId: row.check_id, result: row.result as ScaResult })),
            ),
          ),
          requirements: JSON.stringify(run.requirements),
        })
        .execute();
      for (let at = 0; at < rows.length; at += batch)
        await trx
          .insertInto('sca_results')
          .values(rows.slice(at, at + batch))
          .execute();
    });
  } catch (error) {
    // The same post twice at once: the unique task_id let one in.
    const winner = await findRunOfTask(db, body.taskId);
    if (winner) return { runId: winner, created: false };
    throw error;
  }
  await pruneRuns(db, agentId, run.policyId, deps.config.audit.keepRuns);
  return { runId, created: true };
}

function count(rows: readonly ScaResultsTable[], result: ScaResult): number {
  return rows.filter((row) => row.result === result).length;
}

async function findRunOfTask(db: Kysely<DB>, taskId: string): Promise<string | undefined> {
  const row = await db.selectFrom('sca_runs').select('id').where('task_id', '=', taskId).executeTakeFirst();
  return row?.id;
}

async function pruneRuns(db: Kysely<DB>, agentId: string, policyId: string, keep: number): Promise<void> {
  const old = await db
    .selectFrom('sca_runs')
    .select('id')
    .where('agent_id', '=', agentId)
    .where('policy_id', '=', policyId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .offset(keep)
    .limit(10_000)
    .execute();
  if (old.length === 0) return;
  await db
    .deleteFrom('sca_runs')
    .where(
      'id',
      'in',
      old.map((row) => row.id),
    )
    .execute();
}
