import { AppError } from '../../platform/errors.ts';
import { PatchApplyResult } from '../../protocol/patch-api.ts';
import type { AgentTaskRow } from '../../store/schema.ts';
import type { PatchPlanHostsTable, PatchPlansTable } from '../../store/schema-patches.ts';
import type { Deps } from '../deps.ts';
import { queueTask } from '../tasks/queue-task.ts';
import { ringTaskBell } from '../tasks/task-bell.ts';
import { auditPlanStep } from './audit-host-step.ts';
import { moveHost } from './move-host.ts';
import { readPatchOutput } from './read-patch-output.ts';

/**
 * A host's upgrade answer. Done: its changes, reboot and restart needs are kept and a fresh
 * inventory is asked for (`inventory.collect`), which verifyHost waits for. Failed: the host
 * fails with the error and whatever the package manager printed and changed.
 */
export async function recordApply(
  deps: Deps,
  plan: PatchPlansTable,
  host: PatchPlanHostsTable,
  task: AgentTaskRow,
  now: Date,
): Promise<void> {
  const { db } = deps.database;
  const answer = readPatchOutput(PatchApplyResult, task);
  const result = answer.result;
  const kept = {
    output: answer.output,
    applied_changes: JSON.stringify(result?.changes ?? []),
    reboot_required: result ? (result.rebootRequired ? 1 : 0) : null,
    services_to_restart: JSON.stringify(result?.servicesToRestart ?? []),
  };
  if (!result || answer.error !== null) {
    const error = `the upgrade failed: ${answer.error ?? 'no result'}`;
    if (await moveHost(db, host, { ...kept, status: 'failed', error }, now))
      await auditPlanStep(db, now, plan, host, 'patches.host.failed', error, 'failure');
    return;
  }
  const key = deps.taskSigningKey;
  if (!key) throw new AppError('not_ready', 'this server has no task-signing key');
  const moved = await db.transaction().execute(async (trx) => {
    if (!(await moveHost(trx, host, { ...kept, status: 'verifying', error: null }, now))) return false;
    const verify = await queueTask(
      trx,
      key,
      {
        kind: 'inventory.collect',
        params: {},
        timeoutSeconds: 300,
        agentId: host.agent_id,
        createdBy: `patch-plan:${plan.name}`,
      },
      now,
    );
    await trx
      .updateTable('patch_plan_hosts')
      .set({ verify_task_id: verify.id })
      .where('plan_id', '=', host.plan_id)
      .where('agent_id', '=', host.agent_id)
      .execute();
    return true;
  });
  if (!moved) return;
  ringTaskBell(host.agent_id);
  const changes =
    result.changes.map((c) => `${c.name} ${c.from ?? '-'} → ${c.to ?? '-'}`).join(', ') || 'none';
  const needs = [
    result.rebootRequired ? 'reboot required' : '',
    result.servicesToRestart.length > 0 ? `restart ${result.servicesToRestart.join(', ')}` : '',
  ].filter(Boolean);
  await auditPlanStep(
    db,
    now,
    plan,
    host,
    'patches.host.applied',
    `changes: ${changes}${needs.length > 0 ? `; ${needs.join('; ')}` : ''}; verifying`,
  );
}
