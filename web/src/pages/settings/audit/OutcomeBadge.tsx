import type { AuditOutcome } from '../../../../../src/protocol/audit.ts';
import { Badge } from '../../../components/Badge.tsx';

const tones = { success: 'success', failure: 'warning', denied: 'danger', error: 'danger' } as const;

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return <Badge tone={tones[outcome]}>{outcome}</Badge>;
}
