import { z } from 'zod';
import { GroupName } from './agents.ts';
import { SystemPackageManager } from './inventory.ts';
import { AgentId } from './response-config.ts';

/*
 * Patch plans (docs/patching.md): the package upgrades that resolve chosen findings, simulated on
 * each host, approved, rolled out canary-first in a maintenance window by the agents, and verified
 * by a fresh inventory. The agent tasks that do the work are at the end.
 */

const PackageName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9+._:-]*$/, 'a package name');
const Version = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9.+~:_-]+$/, 'a package version');

/** One package change as the package manager's simulation (or run) reports it. */
export const PackageChange = z.object({
  name: z.string(),
  /** Null for a package the upgrade newly installs. */
  from: z.string().nullable(),
  /** Null for a package the upgrade removes. */
  to: z.string().nullable(),
  action: z.enum(['upgrade', 'install', 'remove', 'downgrade']),
});
export type PackageChange = z.infer<typeof PackageChange>;

// ---- agent tasks ----

export const PatchSimulateParams = z.strictObject({
  manager: SystemPackageManager,
  /** Upgrade each to the newest candidate that is at least `atLeast`. */
  packages: z
    .array(z.strictObject({ name: PackageName, atLeast: Version }))
    .min(1)
    .max(1000),
});
export type PatchSimulateParams = z.infer<typeof PatchSimulateParams>;

export const PatchSimulateResult = z.object({
  /** Every package the upgrade would change, dependencies included. */
  changes: z.array(PackageChange),
  /** Requested packages whose candidate is older than `atLeast`: the repositories lack the fix. */
  unavailable: z.array(z.object({ name: z.string(), candidate: z.string().nullable() })),
  output: z.string(),
});
export type PatchSimulateResult = z.infer<typeof PatchSimulateResult>;

export const PatchApplyParams = z.strictObject({
  manager: SystemPackageManager,
  /** Exact versions, as the simulation resolved them. */
  packages: z
    .array(z.strictObject({ name: PackageName, version: Version }))
    .min(1)
    .max(1000),
});
export type PatchApplyParams = z.infer<typeof PatchApplyParams>;

export const PatchApplyResult = z.object({
  changes: z.array(PackageChange),
  /** /var/run/reboot-required (or needs-restarting -r) says so. */
  rebootRequired: z.boolean(),
  /** Services still running deleted or replaced libraries, when the host can tell. */
  servicesToRestart: z.array(z.string()),
  output: z.string(),
});
export type PatchApplyResult = z.infer<typeof PatchApplyResult>;

// ---- plans ----

export const patchPlanStatuses = [
  'draft',
  'approved',
  'running',
  'completed',
  'stopped',
  'cancelled',
] as const;
export const patchHostStatuses = [
  'pending',
  'simulated',
  'unavailable',
  'applying',
  'verifying',
  'succeeded',
  'failed',
  'skipped',
] as const;

export const MaintenanceWindow = z
  .strictObject({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'end must be after start' });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const CreatePatchPlanRequest = z
  .strictObject({
    name: z.string().min(1).max(200),
    /** Open findings to resolve; with no ids, every open finding with a fix on the chosen hosts. */
    findingIds: z.array(z.string().min(1).max(100)).max(10_000).optional(),
    agentIds: z.array(AgentId).max(10_000).optional(),
    groups: z.array(GroupName).max(100).optional(),
    /** Hosts patched (and verified) first; the rest wait for them. */
    canary: z.array(AgentId).max(1000).default([]),
    /** The rollout stops once this many hosts have failed. */
    failureThreshold: z.number().int().min(1).max(10_000).default(1),
    window: MaintenanceWindow.optional(),
  })
  .meta({ id: 'CreatePatchPlanRequest' });
export type CreatePatchPlanRequest = z.infer<typeof CreatePatchPlanRequest>;

export const PatchPlanHost = z.object({
  agentId: z.string(),
  hostname: z.string().nullable(),
  canary: z.boolean(),
  status: z.enum(patchHostStatuses),
  packages: z.array(
    z.object({
      name: z.string(),
      from: z.string(),
      /** The fixed version the findings need. */
      atLeast: z.string(),
      /** The exact version the simulation chose; null before it ran. */
      version: z.string().nullable(),
    }),
  ),
  /** Finding ids this host's upgrades resolve. */
  findingIds: z.array(z.string()),
  simulation: z.object({ changes: z.array(PackageChange), output: z.string() }).nullable(),
  /** Package-manager output of the run, kept on failure too. */
  output: z.string().nullable(),
  error: z.string().nullable(),
  rebootRequired: z.boolean().nullable(),
  servicesToRestart: z.array(z.string()),
  /** After the verifying inventory: how many of findingIds are still open. */
  remainingFindings: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type PatchPlanHost = z.infer<typeof PatchPlanHost>;

export const PatchPlan = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(patchPlanStatuses),
    createdBy: z.string(),
    createdAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    window: MaintenanceWindow.nullable(),
    failureThreshold: z.number().int(),
    hosts: z.array(PatchPlanHost),
    /** Why a rollout stopped, or what it is waiting for. */
    message: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PatchPlan' });
export type PatchPlan = z.infer<typeof PatchPlan>;

export const PatchPlanSummary = PatchPlan.omit({ hosts: true })
  .extend({
    hosts: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    packages: z.number().int(),
    findings: z.number().int(),
  })
  .meta({ id: 'PatchPlanSummary' });
export type PatchPlanSummary = z.infer<typeof PatchPlanSummary>;

export const PatchPlanList = z.object({ plans: z.array(PatchPlanSummary) }).meta({ id: 'PatchPlanList' });
export type PatchPlanList = z.infer<typeof PatchPlanList>;
