import type { NetFindingStatus } from '../../../../../src/protocol/netscan-api.ts';
import { Badge } from '../../../components/Badge.tsx';
import { findingStatusLabels } from './netscanLabels.ts';

export function NetFindingStatusBadge({ status }: { status: NetFindingStatus }) {
  const { label, tone } = findingStatusLabels[status];
  return (
    <span data-testid="net-finding-status">
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
