import { AppError } from '../../platform/errors.ts';
import type { RunAuditsRequest } from '../../protocol/audits-api.ts';
import type { Deps } from '../deps.ts';
import { ringTaskBell } from '../tasks/task-bell.ts';
import { queueAuditTask, type AuditTarget, type QueuedAudit } from './queue-audit-task.ts';

/**
 * Runs policies on hosts now. Hosts: the agents named and the hosts of the groups named, or
 * every host when neither is given. Policies: those named (any approved policy, assigned or
 * not, so a standard can be tried before it is assigned), or else each host's group's approved
 * policies. An unknown host is a validation error; an unknown policy 404; one not approved 409.
 */
export async function requestAuditRuns(
  deps: Deps,
  request: RunAuditsRequest,
  createdBy: string,
  now: Date,
): Promise<QueuedAudit[]> {
  const { db } = deps.database;
  const key = deps.taskSigningKey;
  if (!key)
    throw new AppError('not_ready', 'this server has no task-signing key yet (start the server once)');
  const everyHost = request.agents === undefined && request.groups === undefined;
  let hostsQuery = db
    .selectFrom('agents')
    .select(['id', 'hostname', 'group_name'])
    .where('revoked_at', 'is', null);
  if (!everyHost)
    hostsQuery = hostsQuery.where((eb) =>
      eb.or([
        ...(request.agents ? [eb('id', 'in', request.agents)] : []),
        ...(request.groups ? [eb('group_name', 'in', request.groups)] : []),
      ]),
    );
  const hosts = await hostsQuery.orderBy('hostname').orderBy('id').execute();
  const strangers = (request.agents ?? []).filter((id) => !hosts.some((host) => host.id === id));
  if (strangers.length > 0)
    throw new AppError('validation_failed', `no such host (or it is revoked): ${strangers.join(', ')}`, {
      issues: [{ path: 'agents', message: `no such host (or it is revoked): ${strangers.join(', ')}` }],
    });

  const policies = await db
    .selectFrom('sca_policies')
    .select(['id', 'sha256', 'source', 'approved_at'])
    .$if(request.policies !== undefined, (query) => query.where('id', 'in', request.policies ?? []))
    .orderBy('id')
    .execute();
  if (request.policies) {
    const missing = request.policies.filter((id) => !policies.some((policy) => policy.id === id));
    if (missing.length > 0) throw new AppError('not_found', `no audit policy ${missing.join(', ')}`);
    const unapproved = policies.filter((policy) => policy.approved_at === null).map((policy) => policy.id);
    if (unapproved.length > 0)
      throw new AppError(
        'conflict',
        `not approved yet, so not sent to hosts: ${unapproved.join(', ')} (an admin approves it first)`,
      );
  }
  const assigned = request.policies
    ? undefined
    : await db.selectFrom('sca_policy_groups').select(['policy_id', 'group_name']).execute();
  const targets: AuditTarget[] = [];
  for (const host of hosts)
    for (const policy of policies) {
      if (policy.approved_at === null) continue;
      if (assigned && !assigned.some((a) => a.policy_id === policy.id && a.group_name === host.group_name))
        continue;
      targets.push({ host, policy });
    }
  if (targets.length === 0) return [];
  const queued = await db.transaction().execute(async (trx) => {
    const tasks: QueuedAudit[] = [];
    for (const target of targets) tasks.push(await queueAuditTask(trx, key, target, createdBy, now));
    return tasks;
  });
  for (const host of new Set(targets.map((target) => target.host.id))) ringTaskBell(host);
  return queued;
}
