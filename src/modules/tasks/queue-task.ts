import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreateTaskRequest, Task } from '../../protocol/tasks.ts';
import type { AgentTaskRow, DB } from '../../store/schema.ts';
import { ringTaskBell } from './task-bell.ts';
import { signTask } from './task-envelope.ts';
import type { TaskSigningKey } from './task-signing-key.ts';
import { toTask } from './tasks-store.ts';

/** How long a queued task stays valid: an agent offline for longer never runs it. */
export const taskLifetimeMs = 24 * 60 * 60 * 1000;

export type TaskSpec = CreateTaskRequest & {
  agentId: string;
  /** A username, `cli:<user>` or `policy:<name>`; null when the system queued it. */
  createdBy: string | null;
};

/**
 * Signs a task for its agent and queues it, waking this process's poll for that agent at once.
 * The caller checks that the agent exists and is not revoked.
 */
export async function queueTask(
  db: Kysely<DB>,
  signingKey: TaskSigningKey,
  spec: TaskSpec,
  now: Date,
): Promise<Task> {
  const unsigned = {
    id: randomUUID(),
    agentId: spec.agentId,
    kind: spec.kind,
    params: spec.params,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + taskLifetimeMs).toISOString(),
    timeoutSeconds: spec.timeoutSeconds,
  };
  const row: AgentTaskRow = {
    id: unsigned.id,
    agent_id: spec.agentId,
    kind: spec.kind,
    params: JSON.stringify(spec.params),
    created_at: unsigned.issuedAt,
    created_by: spec.createdBy,
    expires_at: unsigned.expiresAt,
    timeout_seconds: spec.timeoutSeconds,
    status: 'queued',
    sent_at: null,
    finished_at: null,
    exit_code: null,
    output: null,
    signature: signTask(signingKey.privateKey, unsigned),
  };
  await db.insertInto('agent_tasks').values(row).execute();
  ringTaskBell(spec.agentId);
  return toTask(row);
}
