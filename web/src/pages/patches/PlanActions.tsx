import { useState, type ReactNode } from 'react';
import type { PatchPlan } from '../../../../src/protocol/patch-api.ts';
import type { Permission } from '../../../../src/protocol/roles.ts';
import { patchPlanAction, type PatchPlanAction } from '../../api/patchPlans.ts';
import { useSession } from '../../app/session.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useSubmit } from '../../hooks/useSubmit.ts';
import type { PlanStatus } from './patchLabels.ts';

interface ActionSpec {
  label: string;
  permission: Permission;
  allowed: readonly PlanStatus[];
  /** What the confirmation says; no dialog for an action that changes nothing on the hosts. */
  confirm?: (plan: PatchPlan) => { title: string; confirmLabel: string; body: ReactNode };
}

const hostCount = (plan: PatchPlan) => (plan.hosts.length === 1 ? '1 host' : `${plan.hosts.length} hosts`);

const actions: Record<PatchPlanAction, ActionSpec> = {
  simulate: { label: 'Simulate', permission: 'patches:write', allowed: ['draft'] },
  approve: {
    label: 'Approve…',
    permission: 'patches:approve',
    allowed: ['draft'],
    confirm: (plan) => ({
      title: 'Approve patch plan',
      confirmLabel: 'Approve plan',
      body: (
        <>
          Once started, agents upgrade the listed packages on {hostCount(plan)} to the exact versions the
          simulation chose. Approve <strong>{plan.name}</strong>?
        </>
      ),
    }),
  },
  start: {
    label: 'Start…',
    permission: 'patches:write',
    allowed: ['approved'],
    confirm: (plan) => {
      const canary = plan.hosts.filter((host) => host.canary).length;
      return {
        title: 'Start the rollout',
        confirmLabel: 'Start rollout',
        body: (
          <>
            {canary > 0
              ? `The ${canary === 1 ? 'canary host is' : `${canary} canary hosts are`} patched and verified first, then the rest.`
              : `All ${hostCount(plan)} are patched.`}{' '}
            The rollout stops once{' '}
            {plan.failureThreshold === 1 ? 'a host fails' : `${plan.failureThreshold} hosts fail`}
            {plan.window === null ? '.' : ', and runs only inside its maintenance window.'}
          </>
        ),
      };
    },
  },
  cancel: {
    label: 'Cancel…',
    permission: 'patches:write',
    allowed: ['draft', 'approved', 'running'],
    confirm: (plan) => ({
      title: 'Cancel patch plan',
      confirmLabel: 'Cancel plan',
      body: (
        <>
          No further host of <strong>{plan.name}</strong> is patched. Hosts already upgraded keep their new
          packages.
        </>
      ),
    }),
  },
};

const order: readonly PatchPlanAction[] = ['simulate', 'approve', 'start', 'cancel'];

interface PlanActionsProps {
  plan: PatchPlan;
  onDone: (plan: PatchPlan, action: PatchPlanAction) => void;
  onError: (error: unknown) => void;
}

/** Simulate, Approve, Start and Cancel, each where the plan's state and the reader's role allow it. */
export function PlanActions({ plan, onDone, onError }: PlanActionsProps) {
  const { can } = useSession();
  const { busy, run } = useSubmit();
  const [confirming, setConfirming] = useState<PatchPlanAction>();
  const shown = order.filter(
    (action) => can(actions[action].permission) && actions[action].allowed.includes(plan.status),
  );
  const dialog = confirming === undefined ? undefined : actions[confirming].confirm?.(plan);

  const perform = async (action: PatchPlanAction) => onDone(await patchPlanAction(plan.id, action), action);

  return (
    <>
      {shown.map((action) => (
        <button
          key={action}
          type="button"
          className={
            action === 'cancel'
              ? 'btn btn-sm btn-danger-quiet'
              : action === 'simulate'
                ? 'btn btn-sm'
                : 'btn btn-sm btn-primary'
          }
          disabled={busy}
          onClick={() => {
            if (actions[action].confirm !== undefined) {
              setConfirming(action);
              return;
            }
            void run(async () => {
              try {
                await perform(action);
              } catch (error) {
                onError(error);
              }
            });
          }}
        >
          {actions[action].label}
        </button>
      ))}
      {confirming !== undefined && dialog !== undefined && (
        // Stays open on failure and shows why, e.g. the 409 that keeps an author from approving their own plan.
        <ConfirmDialog
          title={dialog.title}
          confirmLabel={dialog.confirmLabel}
          onClose={() => setConfirming(undefined)}
          onConfirm={() => perform(confirming)}
        >
          {dialog.body}
        </ConfirmDialog>
      )}
    </>
  );
}
