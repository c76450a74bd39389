import { AccountLockParams } from '../../protocol/firewall.ts';
import type { Deps } from '../deps.ts';
import { queueTask } from '../tasks/queue-task.ts';
import { alertLabel, policyActor, type AlertResponse } from './alert-response.ts';
import { auditResponse } from './audit-response.ts';

/**
 * Locks the alert's user on the attacked host, once per alert (repeats merged into it do not
 * lock again). Root is never locked: that could leave the host without an administrator.
 */
export async function respondWithLock(deps: Deps, response: AlertResponse): Promise<void> {
  const { alert, agent, now } = response;
  if (response.outcome !== 'created') return;
  const skip = (why: string) =>
    deps.logger.warn({ policy: response.policy.name, alertId: alert.id }, `no account locked: ${why}`);
  const { user } = alert.entities;
  if (user === null) return skip('the alert names no user');
  if (user === 'root') return skip('root is never locked');
  if (!AccountLockParams.safeParse({ user }).success) return skip(`${user} is not a local account name`);
  if (agent === undefined) return skip('the alert names no enrolled agent');
  const key = deps.taskSigningKey;
  if (key === undefined) return skip('this server has no task-signing key');
  const target = `${user} on ${agent.hostname}`;
  if (deps.config.response.dryRun) {
    deps.logger.warn(
      { policy: response.policy.name, user, agentId: agent.id },
      `dry run: would lock ${target}`,
    );
    await auditResponse(deps.database.db, now, {
      actor: policyActor(response),
      action: 'response.dry_run',
      target,
      detail: `would lock the account; ${alertLabel(response)}`,
    });
    return;
  }
  await queueTask(
    deps.database.db,
    key,
    {
      kind: 'account.lock',
      params: { user },
      agentId: agent.id,
      timeoutSeconds: 60,
      createdBy: policyActor(response),
    },
    now,
  );
  deps.logger.warn({ policy: response.policy.name, user, agentId: agent.id }, `locking ${target}`);
  await auditResponse(deps.database.db, now, {
    actor: policyActor(response),
    action: 'response.lock_account',
    target,
    detail: alertLabel(response),
  });
}
