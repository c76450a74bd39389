import type { AuditOutcome } from '../../../../../src/protocol/audit.ts';
import { Badge, type BadgeTone } from '../../../components/Badge.tsx';

const tones: Record<AuditOutcome, BadgeTone> = {
  success: 'success',
  failure: 'warning',
  denied: 'danger',
  error: 'danger',
};

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return <Badge tone={tones[outcome]}>{outcome}</Badge>;
}
