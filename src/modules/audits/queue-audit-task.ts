import type { Kysely } from 'kysely';
import type { QueuedAudits } from '../../protocol/audits-api.ts';
import type { DB } from '../../store/schema.ts';
import { queueTask } from '../tasks/queue-task.ts';
import type { TaskSigningKey } from '../tasks/task-signing-key.ts';

/** The CIS policies take seconds, but a host whose commands each run to their 30 s timeout takes long. */
export const auditTaskSeconds = 1800;

export interface AuditTarget {
  host: { id: string; hostname: string };
  policy: { id: string; sha256: string; source: string };
}

export type QueuedAudit = QueuedAudits['tasks'][number];

/**
 * Queues a signed `sca.run` of the policy's current version for the host and records it as the
 * host's latest for the policy, which the scheduler counts its interval from. The caller holds
 * the transaction and rings the hosts' task bells once it commits.
 */
export async function queueAuditTask(
  db: Kysely<DB>,
  key: TaskSigningKey,
  target: AuditTarget,
  createdBy: string | null,
  now: Date,
): Promise<QueuedAudit> {
  const { host, policy } = target;
  const task = await queueTask(
    db,
    key,
    {
      kind: 'sca.run',
      params: { policy: policy.source, sha256: policy.sha256 },
      timeoutSeconds: auditTaskSeconds,
      agentId: host.id,
      createdBy,
    },
    now,
  );
  const at = now.toISOString();
  await db
    .insertInto('sca_schedule')
    .values({ agent_id: host.id, policy_id: policy.id, queued_at: at, task_id: task.id })
    .onConflict((oc) =>
      oc.columns(['agent_id', 'policy_id']).doUpdateSet({ queued_at: at, task_id: task.id }),
    )
    .execute();
  return { agentId: host.id, hostname: host.hostname, policyId: policy.id, taskId: task.id };
}
