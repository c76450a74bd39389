import type { Kysely } from 'kysely';
import {
  taskKinds,
  taskStatuses,
  type Task,
  type TaskEnvelope,
  type TaskResultRequest,
} from '../../protocol/tasks.ts';
import type { AgentTaskRow, DB } from '../../store/schema.ts';
import { AppError } from '../../platform/errors.ts';

export function toTask(row: AgentTaskRow): Task {
  return {
    id: row.id,
    agentId: row.agent_id,
    kind: taskKinds.find((kind) => kind === row.kind) ?? 'ping',
    params: JSON.parse(row.params) as Record<string, unknown>,
    status: taskStatuses.find((status) => status === row.status) ?? 'failed',
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    timeoutSeconds: row.timeout_seconds,
    sentAt: row.sent_at,
    finishedAt: row.finished_at,
    exitCode: row.exit_code,
    output: row.output,
  };
}

export function toEnvelope(row: AgentTaskRow): TaskEnvelope {
  return {
    id: row.id,
    agentId: row.agent_id,
    kind: row.kind,
    params: JSON.parse(row.params) as Record<string, unknown>,
    issuedAt: row.created_at,
    expiresAt: row.expires_at,
    timeoutSeconds: row.timeout_seconds,
    signature: row.signature,
  };
}

export async function listTasks(db: Kysely<DB>, agentId: string, limit: number): Promise<AgentTaskRow[]> {
  return db
    .selectFrom('agent_tasks')
    .selectAll()
    .where('agent_id', '=', agentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Marks this agent's queued tasks sent and returns them. The update is
 * conditional on `queued`, so when two polls race (two server processes, say)
 * each task goes to exactly one of them. Tasks whose signature has expired
 * are closed as timed out instead: the agent would refuse them anyway.
 */
export async function claimQueuedTasks(
  db: Kysely<DB>,
  agentId: string,
  now: Date,
  max = 20,
): Promise<AgentTaskRow[]> {
  const iso = now.toISOString();
  await db
    .updateTable('agent_tasks')
    .set({ status: 'timed_out', finished_at: iso, output: 'expired before the agent fetched it' })
    .where('agent_id', '=', agentId)
    .where('status', '=', 'queued')
    .where('expires_at', '<=', iso)
    .execute();
  const queued = await db
    .selectFrom('agent_tasks')
    .select('id')
    .where('agent_id', '=', agentId)
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .orderBy('id')
    .limit(max)
    .execute();
  if (queued.length === 0) return [];
  const claimed = await db
    .updateTable('agent_tasks')
    .set({ status: 'sent', sent_at: iso })
    .where(
      'id',
      'in',
      queued.map((row) => row.id),
    )
    .where('status', '=', 'queued')
    .returningAll()
    .execute();
  return claimed.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** Records an agent's result for its own task that is out with it; anything else is refused. */
export async function recordResult(
  db: Kysely<DB>,
  agentId: string,
  taskId: string,
  result: TaskResultRequest,
  now: Date,
): Promise<void> {
  const row = await db
    .selectFrom('agent_tasks')
    .select(['agent_id', 'status'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  // Another agent's task looks exactly like a missing one: ids are not disclosed across agents.
  if (!row || row.agent_id !== agentId) throw new AppError('not_found', 'no such task for this agent');
  const updated = await db
    .updateTable('agent_tasks')
    .set({
      status: result.status,
      exit_code: result.exitCode ?? null,
      output: result.output,
      finished_at: now.toISOString(),
    })
    .where('id', '=', taskId)
    .where('agent_id', '=', agentId)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    throw new AppError('conflict', `the task is ${row.status}, not awaiting a result`);
  }
}

/** Room for the agent's result to arrive after its own timeout fired: it retries the report for ~8 s. */
const resultGraceMs = 60_000;

/**
 * Closes tasks an agent took but never answered for, such as when it was
 * killed mid-task: it records a task before running it, so it will not run
 * it again, and without this the task would stay `sent` for ever.
 */
export async function expireUnansweredTasks(db: Kysely<DB>, now: Date): Promise<number> {
  const sent = await db
    .selectFrom('agent_tasks')
    .select(['id', 'sent_at', 'timeout_seconds'])
    .where('status', '=', 'sent')
    .execute();
  const overdue = sent
    .filter((row) => {
      const sentAt = Date.parse(row.sent_at ?? '');
      return !Number.isFinite(sentAt) || sentAt + row.timeout_seconds * 1000 + resultGraceMs < now.getTime();
    })
    .map((row) => row.id);
  if (overdue.length === 0) return 0;
  const updated = await db
    .updateTable('agent_tasks')
    .set({
      status: 'timed_out',
      finished_at: now.toISOString(),
      output: 'the agent took the task but sent no result in time (it may have stopped mid-task)',
    })
    .where('id', 'in', overdue)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}
