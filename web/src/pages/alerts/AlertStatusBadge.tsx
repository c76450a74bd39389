import type { AlertStatus } from '../../../../src/protocol/alerts.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { statusLabels } from './alertLabels.ts';

const tones: Record<AlertStatus, BadgeTone> = {
  new: 'info',
  acknowledged: 'warning',
  resolved: 'success',
  false_positive: 'neutral',
};

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return (
    <span data-testid="alert-status">
      <Badge tone={tones[status]}>{statusLabels[status]}</Badge>
    </span>
  );
}
