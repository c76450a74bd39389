import { z } from 'zod';
import { InstalledPackage } from '../../protocol/inventory.ts';
import { PackageChange } from '../../protocol/patch-api.ts';
import { VulnFindingQuery } from '../../protocol/vuln-api.ts';
import type { AgentTaskRow } from '../../store/schema.ts';
import type { PatchPlanHostsTable, PatchPlansTable } from '../../store/schema-patches.ts';
import type { Deps } from '../deps.ts';
import { baseName } from '../patch/base-name.ts';
import { listFindings } from '../vulns/list-findings.ts';
import { scanAgent } from '../vulns/scan-agent.ts';
import { auditPlanStep } from './audit-host-step.ts';
import { moveHost } from './move-host.ts';
import { readPackages, resolvableFindings } from './planned-package.ts';

const Snapshot = z.object({ packages: z.array(InstalledPackage) });

/**
 * The last step of a host: once an inventory arrives that was sent after the verifying
 * `inventory.collect` went out and shows the upgrade's new versions, the host is matched
 * against the feeds again (scanAgent) and its findings counted. It succeeded when none of them
 * is still open. No such inventory within `patches.verifyTimeoutMinutes` fails it.
 */
export async function verifyHost(
  deps: Deps,
  plan: PatchPlansTable,
  host: PatchPlanHostsTable,
  task: AgentTaskRow | undefined,
  now: Date,
): Promise<void> {
  const { db } = deps.database;
  const fail = async (error: string) => {
    if (await moveHost(db, host, { status: 'failed', error }, now))
      await auditPlanStep(db, now, plan, host, 'patches.host.failed', error, 'failure');
  };
  const overdue =
    now.getTime() - Date.parse(host.updated_at) > deps.config.patches.verifyTimeoutMinutes * 60_000;
  if (!task) return fail('the verifying inventory task is missing');
  if (['failed', 'timed_out', 'cancelled'].includes(task.status))
    return fail(`the verifying inventory task ${task.status.replace('_', ' ')}: ${task.output ?? ''}`.trim());
  const shown =
    task.status === 'succeeded' && task.sent_at !== null && (await inventoryShows(deps, host, task.sent_at));
  if (!shown) {
    if (overdue)
      await fail(
        `no inventory showing the upgrade arrived within ${deps.config.patches.verifyTimeoutMinutes} minutes`,
      );
    return;
  }
  await scanAgent(deps, host.agent_id);
  const ids = resolvableFindings(readPackages(host.packages));
  let remaining = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const query = { ...VulnFindingQuery.parse({ status: 'open', limit: 1 }), ids: ids.slice(i, i + 500) };
    remaining += (await listFindings(db, query, now)).total;
  }
  const succeeded = remaining === 0;
  const error = succeeded ? null : `${remaining} of ${ids.length} finding(s) still open after the upgrade`;
  const moved = await moveHost(
    db,
    host,
    { status: succeeded ? 'succeeded' : 'failed', remaining_findings: remaining, error },
    now,
  );
  if (moved)
    await auditPlanStep(
      db,
      now,
      plan,
      host,
      succeeded ? 'patches.host.succeeded' : 'patches.host.failed',
      error ?? `verified: ${ids.length} finding(s) resolved`,
      succeeded ? 'success' : 'failure',
    );
}

/** Whether the host's stored inventory came after `since` and has every version the upgrade installed. */
async function inventoryShows(deps: Deps, host: PatchPlanHostsTable, since: string): Promise<boolean> {
  const row = await deps.database.db
    .selectFrom('host_inventory')
    .select(['received_at', 'data'])
    .where('agent_id', '=', host.agent_id)
    .executeTakeFirst();
  if (!row || row.received_at < since) return false;
  const snapshot = Snapshot.safeParse(JSON.parse(row.data));
  if (!snapshot.success) return false;
  const installed = new Set(snapshot.data.packages.map((entry) => `${entry.name}\n${entry.version}`));
  const changes = z.array(PackageChange).parse(JSON.parse(host.applied_changes ?? '[]'));
  return changes.every((change) => {
    if (change.to === null) return true;
    return installed.has(`${baseName(change.name)}\n${change.to}`);
  });
}
