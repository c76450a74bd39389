import type { NetFindingStatus } from '../../../../../src/protocol/netscan-api.ts';
import { StatusButtons, type StatusTransition } from '../../../components/StatusButtons.tsx';

type Transition = StatusTransition<NetFindingStatus>;

const acknowledge: Transition = { label: 'Acknowledge', to: 'acknowledged' };
const resolve: Transition = { label: 'Resolve', to: 'resolved' };
const reopen: Transition = { label: 'Reopen', to: 'open' };

/** What a user can do next from each status; the first is the usual next step. */
const transitions: Record<NetFindingStatus, Transition[]> = {
  open: [acknowledge, resolve],
  acknowledged: [resolve, reopen],
  resolved: [reopen],
};

interface NetFindingActionsProps {
  status: NetFindingStatus;
  busy: boolean;
  onStatus: (status: NetFindingStatus) => void;
}

export function NetFindingActions({ status, busy, onStatus }: NetFindingActionsProps) {
  return (
    <div className="net-finding-actions">
      <StatusButtons transitions={transitions[status]} busy={busy} onStatus={onStatus} />
    </div>
  );
}
