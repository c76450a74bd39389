import type { Agent } from '../../../../src/protocol/agents.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';

const tones: Record<Agent['status'], BadgeTone> = {
  online: 'success',
  offline: 'warning',
  revoked: 'danger',
};

export function AgentStatusBadge({ status }: { status: Agent['status'] }) {
  return (
    <span data-testid="host-status">
      <Badge tone={tones[status]}>{status}</Badge>
    </span>
  );
}
