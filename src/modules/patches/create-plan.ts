import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { InstalledPackage, SystemPackageManager } from '../../protocol/inventory.ts';
import type { CreatePatchPlanRequest, PatchPlan } from '../../protocol/patch-api.ts';
import { VulnFindingQuery, type VulnFinding } from '../../protocol/vuln-api.ts';
import type { DB } from '../../store/schema.ts';
import type { Deps } from '../deps.ts';
import { managerOrder } from '../patch/manager-order.ts';
import { listFindings } from '../vulns/list-findings.ts';
import { z } from 'zod';
import { requirePlan } from './find-plan.ts';
import { planPackages } from './plan-packages.ts';
import type { PlannedPackage } from './planned-package.ts';
import { toPatchPlan } from './to-patch-plan.ts';

interface Host {
  id: string;
  hostname: string;
}

const pageSize = 1000;

/**
 * A draft plan from open findings with a fix: the chosen findings, or every such finding of the
 * chosen hosts (agents and groups). Per host, the packages to upgrade and the version each must
 * reach (planPackages). Hosts with nothing to upgrade are left out; a plan with no host at all,
 * a finding that is resolved, has no fix or lies outside the chosen hosts, is refused.
 */
export async function createPlan(
  deps: Deps,
  request: CreatePatchPlanRequest,
  author: string,
  now: Date,
): Promise<PatchPlan> {
  const { db } = deps.database;
  if (request.window && Date.parse(request.window.end) <= now.getTime())
    throw new AppError('bad_request', `the maintenance window ended at ${request.window.end}`);
  const chosen = await chosenHosts(db, request);
  const findings = request.findingIds
    ? await chosenFindings(db, request.findingIds, chosen, now)
    : await hostsFindings(db, chosen ?? [], now);
  const byHost = new Map<string, VulnFinding[]>();
  // Lockfile (npm, pypi) packages are the project's to upgrade, not the host's package manager's.
  for (const finding of findings.filter((f) => SystemPackageManager.safeParse(f.package.manager).success))
    byHost.set(finding.agentId, [...(byHost.get(finding.agentId) ?? []), finding]);
  const hosts = await db
    .selectFrom('agents')
    .select(['id', 'hostname'])
    .where('id', 'in', [...byHost.keys(), ''])
    .where('revoked_at', 'is', null)
    .execute();
  const canary = new Set(request.canary);
  const planned: {
    host: Host;
    manager: SystemPackageManager;
    packages: PlannedPackage[];
    canary: boolean;
  }[] = [];
  for (const host of hosts) {
    const hostFindings = byHost.get(host.id) ?? [];
    const managers = [...new Set(hostFindings.map((finding) => finding.package.manager))];
    if (managers.length > 1)
      throw new AppError(
        'bad_request',
        `${host.hostname} has findings in ${managers.join(' and ')} packages; plan them separately`,
      );
    const manager = SystemPackageManager.parse(managers[0]);
    const packages = planPackages(
      hostFindings,
      (await installedPackages(db, host.id)).filter((entry) => entry.manager === manager),
      managerOrder(manager),
    );
    if (packages.length > 0) planned.push({ host, manager, packages, canary: canary.has(host.id) });
  }
  if (planned.length === 0)
    throw new AppError('bad_request', 'no open finding with a fix on the chosen hosts: nothing to patch');
  const outside = request.canary.filter((id) => !planned.some((entry) => entry.host.id === id));
  if (outside.length > 0)
    throw new AppError('bad_request', `canary hosts must be hosts of the plan: ${outside.join(', ')}`);
  // Canaries first, then by hostname: the order the rollout takes.
  planned.sort(
    (a, b) => Number(b.canary) - Number(a.canary) || a.host.hostname.localeCompare(b.host.hostname),
  );
  const id = deps.random.uuid();
  const iso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('patch_plans')
      .values({
        id,
        name: request.name,
        status: 'draft',
        created_by: author,
        created_at: iso,
        approved_by: null,
        approved_at: null,
        started_by: null,
        started_at: null,
        window_start: request.window ? new Date(request.window.start).toISOString() : null,
        window_end: request.window ? new Date(request.window.end).toISOString() : null,
        failure_threshold: request.failureThreshold,
        message: 'draft: simulate it to see every package change on each host',
        active: 0,
        updated_at: iso,
      })
      .execute();
    for (const [position, entry] of planned.entries()) {
      await trx
        .insertInto('patch_plan_hosts')
        .values({
          plan_id: id,
          agent_id: entry.host.id,
          hostname: entry.host.hostname,
          manager: entry.manager,
          canary: entry.canary ? 1 : 0,
          position,
          status: 'pending',
          packages: JSON.stringify(entry.packages),
          simulate_task_id: null,
          apply_task_id: null,
          verify_task_id: null,
          simulation: null,
          applied_changes: null,
          output: null,
          error: null,
          reboot_required: null,
          services_to_restart: '[]',
          remaining_findings: null,
          updated_at: iso,
        })
        .execute();
    }
  });
  const stored = await requirePlan(db, id);
  return toPatchPlan(stored.plan, stored.hosts);
}

/** The hosts named by agent id or group; undefined when the request names none. */
async function chosenHosts(db: Kysely<DB>, request: CreatePatchPlanRequest): Promise<Host[] | undefined> {
  if (request.agentIds === undefined && request.groups === undefined) {
    if (request.findingIds === undefined)
      throw new AppError('bad_request', 'name the findings, hosts or groups the plan is for');
    return undefined;
  }
  const ids = request.agentIds ?? [];
  const hosts = new Map<string, Host>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('agents')
      .select(['id', 'hostname'])
      .where('id', 'in', ids.slice(i, i + 500))
      .where('revoked_at', 'is', null)
      .execute();
    for (const row of rows) hosts.set(row.id, row);
  }
  const missing = ids.filter((id) => !hosts.has(id));
  if (missing.length > 0)
    throw new AppError('bad_request', `no such (unrevoked) agent: ${missing.slice(0, 10).join(', ')}`);
  if (request.groups && request.groups.length > 0) {
    const rows = await db
      .selectFrom('agents')
      .select(['id', 'hostname'])
      .where('group_name', 'in', request.groups)
      .where('revoked_at', 'is', null)
      .execute();
    for (const row of rows) hosts.set(row.id, row);
  }
  return [...hosts.values()];
}

async function chosenFindings(
  db: Kysely<DB>,
  ids: readonly string[],
  hosts: Host[] | undefined,
  now: Date,
): Promise<VulnFinding[]> {
  const unique = [...new Set(ids)];
  const found: VulnFinding[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const slice = unique.slice(i, i + 500);
    const page = await listFindings(
      db,
      { ...VulnFindingQuery.parse({ status: 'all', limit: 1000 }), ids: slice },
      now,
    );
    found.push(...page.findings);
  }
  const problems: string[] = [];
  const known = new Set(found.map((finding) => finding.id));
  for (const id of unique) if (!known.has(id)) problems.push(`${id}: no such finding`);
  const inPlan = hosts ? new Set(hosts.map((host) => host.id)) : undefined;
  for (const finding of found) {
    if (finding.status !== 'open') problems.push(`${finding.id}: already resolved`);
    else if (finding.fixState !== 'fixed' || finding.fixedVersion === null)
      problems.push(`${finding.id}: ${finding.vulnerability.id} has no fix to install yet`);
    else if (inPlan && !inPlan.has(finding.agentId))
      problems.push(`${finding.id}: on ${finding.hostname ?? finding.agentId}, not a host of the plan`);
  }
  if (problems.length > 0)
    throw new AppError(
      'bad_request',
      `${problems.length} finding(s) cannot be planned: ${problems.slice(0, 10).join('; ')}`,
    );
  return found;
}

/** Every open finding with a fix on these hosts. */
async function hostsFindings(db: Kysely<DB>, hosts: readonly Host[], now: Date): Promise<VulnFinding[]> {
  const found: VulnFinding[] = [];
  for (const host of hosts) {
    for (let offset = 0; ; offset += pageSize) {
      const query = VulnFindingQuery.parse({
        status: 'open',
        fix: 'available',
        agentId: host.id,
        limit: pageSize,
        offset,
      });
      const page = await listFindings(db, query, now);
      found.push(...page.findings.filter((finding) => finding.fixedVersion !== null));
      if (page.findings.length < pageSize) break;
    }
  }
  return found;
}

/** The host's packages in its newest inventory, for the other binaries of a fixed source. */
async function installedPackages(db: Kysely<DB>, agentId: string): Promise<InstalledPackage[]> {
  const row = await db
    .selectFrom('host_inventory')
    .select('data')
    .where('agent_id', '=', agentId)
    .executeTakeFirst();
  if (!row) return [];
  const parsed = z.object({ packages: z.array(InstalledPackage) }).safeParse(JSON.parse(row.data));
  return parsed.success ? parsed.data.packages : [];
}
