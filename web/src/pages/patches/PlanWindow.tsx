import type { MaintenanceWindow } from '../../../../src/protocol/patch-api.ts';
import { Timestamp } from '../../components/Timestamp.tsx';

/** When the rollout may run; a plan without a window runs as soon as it is started. */
export function PlanWindow({ window }: { window: MaintenanceWindow | null }) {
  if (window === null) return <span className="muted">Any time</span>;
  return (
    <span className="nowrap">
      <Timestamp value={window.start} /> – <Timestamp value={window.end} />
    </span>
  );
}
