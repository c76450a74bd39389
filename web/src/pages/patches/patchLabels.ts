import type { patchHostStatuses, patchPlanStatuses } from '../../../../src/protocol/patch-api.ts';
import type { BadgeTone } from '../../components/Badge.tsx';

// Records rather than the protocol's arrays: patch-api.ts imports zod, which the bundle must not pull in.
export type PlanStatus = (typeof patchPlanStatuses)[number];
export type HostStatus = (typeof patchHostStatuses)[number];

export const planStatusLabels: Record<PlanStatus, [label: string, tone: BadgeTone]> = {
  draft: ['Draft', 'neutral'],
  approved: ['Approved', 'info'],
  running: ['Running', 'warning'],
  completed: ['Completed', 'success'],
  stopped: ['Stopped', 'danger'],
  cancelled: ['Cancelled', 'neutral'],
};

export const hostStatusLabels: Record<HostStatus, [label: string, tone: BadgeTone]> = {
  pending: ['Pending', 'neutral'],
  simulated: ['Simulated', 'info'],
  unavailable: ['Fix not in repositories', 'warning'],
  applying: ['Applying', 'warning'],
  verifying: ['Verifying', 'warning'],
  succeeded: ['Patched', 'success'],
  failed: ['Failed', 'danger'],
  skipped: ['Skipped', 'neutral'],
};

/** A host whose part of the rollout is over, one way or the other. */
export const hostDone = (status: HostStatus) =>
  status === 'succeeded' || status === 'failed' || status === 'skipped';

/** Plans that can still change: the page re-reads these while agents work on them. */
export const planActive = (status: PlanStatus) => status === 'running';
