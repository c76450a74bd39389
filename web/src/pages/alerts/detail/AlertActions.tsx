import type { Alert, AlertStatus } from '../../../../../src/protocol/alerts.ts';
import { StatusButtons, type StatusTransition } from '../../../components/StatusButtons.tsx';

type Transition = StatusTransition<AlertStatus>;

const acknowledge: Transition = { label: 'Acknowledge', to: 'acknowledged' };
const resolve: Transition = { label: 'Resolve', to: 'resolved' };
const falsePositive: Transition = { label: 'False positive', to: 'false_positive' };
// Whoever reopens an alert is already looking at it.
const reopen: Transition = { label: 'Reopen', to: 'acknowledged' };

/** What can happen next from each status; the first is the usual next step. */
const transitions: Record<AlertStatus, Transition[]> = {
  new: [acknowledge, resolve, falsePositive],
  acknowledged: [resolve, falsePositive],
  resolved: [reopen],
  false_positive: [reopen],
};

interface AlertActionsProps {
  alert: Alert;
  busy: boolean;
  onStatus: (status: AlertStatus) => void;
  onSuppress: () => void;
}

export function AlertActions({ alert, busy, onStatus, onSuppress }: AlertActionsProps) {
  return (
    <div className="alert-actions">
      <StatusButtons transitions={transitions[alert.status]} busy={busy} onStatus={onStatus} />
      <button type="button" className="btn btn-sm" onClick={onSuppress}>
        Suppress similar
      </button>
    </div>
  );
}
