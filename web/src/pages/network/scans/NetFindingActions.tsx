import type { NetFindingStatus } from '../../../../../src/protocol/netscan-api.ts';

interface Transition {
  label: string;
  to: NetFindingStatus;
}

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
      {transitions[status].map(({ label, to }, index) => (
        <button
          key={to}
          type="button"
          className={index === 0 ? 'btn btn-sm btn-primary' : 'btn btn-sm'}
          disabled={busy}
          onClick={() => onStatus(to)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
