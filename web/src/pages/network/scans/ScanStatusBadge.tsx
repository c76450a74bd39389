import type { NetScanSummary } from '../../../../../src/protocol/netscan-api.ts';
import { Badge } from '../../../components/Badge.tsx';
import { scanStatusLabels } from './netscanLabels.ts';

export function ScanStatusBadge({ scan }: { scan: Pick<NetScanSummary, 'status' | 'error'> }) {
  const { label, tone } = scanStatusLabels[scan.status];
  return (
    <span data-testid="scan-status" title={scan.error ?? undefined}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
