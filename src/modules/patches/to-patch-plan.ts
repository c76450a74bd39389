import { z } from 'zod';
import {
  PackageChange,
  patchHostStatuses,
  patchPlanStatuses,
  type PatchPlan,
  type PatchPlanHost,
  type PatchPlanSummary,
} from '../../protocol/patch-api.ts';
import type { PatchPlanHostsTable, PatchPlansTable } from '../../store/schema-patches.ts';
import { readPackages, resolvableFindings } from './planned-package.ts';

const Simulation = z.object({ changes: z.array(PackageChange), output: z.string() });

export function toPlanHost(row: PatchPlanHostsTable): PatchPlanHost {
  const packages = readPackages(row.packages);
  return {
    agentId: row.agent_id,
    hostname: row.hostname,
    canary: row.canary === 1,
    status: patchHostStatuses.find((status) => status === row.status) ?? 'failed',
    packages: packages.map(({ name, from, atLeast, version }) => ({ name, from, atLeast, version })),
    findingIds: resolvableFindings(packages),
    simulation: row.simulation === null ? null : Simulation.parse(JSON.parse(row.simulation)),
    output: row.output,
    error: row.error,
    rebootRequired: row.reboot_required === null ? null : row.reboot_required === 1,
    servicesToRestart: z.array(z.string()).parse(JSON.parse(row.services_to_restart)),
    remainingFindings: row.remaining_findings,
    updatedAt: row.updated_at,
  };
}

function planFields(row: PatchPlansTable): Omit<PatchPlan, 'hosts'> {
  return {
    id: row.id,
    name: row.name,
    status: patchPlanStatuses.find((status) => status === row.status) ?? 'stopped',
    createdBy: row.created_by,
    createdAt: row.created_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    window:
      row.window_start !== null && row.window_end !== null
        ? { start: row.window_start, end: row.window_end }
        : null,
    failureThreshold: row.failure_threshold,
    message: row.message,
    updatedAt: row.updated_at,
  };
}

export function toPatchPlan(row: PatchPlansTable, hosts: readonly PatchPlanHostsTable[]): PatchPlan {
  return { ...planFields(row), hosts: hosts.map((host) => toPlanHost(host)) };
}

export function toPlanSummary(row: PatchPlansTable, hosts: readonly PatchPlanHostsTable[]): PatchPlanSummary {
  const planHosts = hosts.map((host) => toPlanHost(host));
  return {
    ...planFields(row),
    hosts: planHosts.length,
    succeeded: planHosts.filter((host) => host.status === 'succeeded').length,
    failed: planHosts.filter((host) => host.status === 'failed').length,
    packages: planHosts.reduce((sum, host) => sum + host.packages.length, 0),
    findings: new Set(planHosts.flatMap((host) => host.findingIds)).size,
  };
}
