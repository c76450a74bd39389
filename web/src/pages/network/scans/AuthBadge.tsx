import type { ServiceInfo } from '../../../../../src/protocol/netscan.ts';
import { Badge } from '../../../components/Badge.tsx';

/** Whether a client got in without credentials: the headline of an exposed database or cache. */
export function AuthBadge({ auth }: { auth: ServiceInfo['auth'] | null }) {
  if (auth === undefined || auth === null || auth === 'unknown') return <span className="muted">—</span>;
  return auth === 'none' ? (
    <span data-testid="auth-none">
      <Badge tone="danger">No auth</Badge>
    </span>
  ) : (
    <Badge tone="success">Required</Badge>
  );
}
