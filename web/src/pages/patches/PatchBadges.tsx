import { Badge } from '../../components/Badge.tsx';
import { hostStatusLabels, planStatusLabels, type HostStatus, type PlanStatus } from './patchLabels.ts';

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const [label, tone] = planStatusLabels[status];
  return (
    <span data-testid="plan-status">
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}

export function HostStatusBadge({ status }: { status: HostStatus }) {
  const [label, tone] = hostStatusLabels[status];
  return (
    <span data-testid="plan-host-status">
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
