import type { EnrollmentToken } from '../../../../../src/protocol/agents.ts';
import { Badge } from '../../../components/Badge.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { enrollmentTokenStatus } from './enrollmentTokenStatus.ts';

const statusTone = {
  active: 'success',
  'used up': 'neutral',
  expired: 'warning',
  revoked: 'neutral',
} as const;
const count = new Intl.NumberFormat();

interface EnrollmentTokenRowProps {
  token: EnrollmentToken;
  canWrite: boolean;
  onRevoke: () => void;
}

export function EnrollmentTokenRow({ token, canWrite, onRevoke }: EnrollmentTokenRowProps) {
  const status = enrollmentTokenStatus(token);
  return (
    <tr data-testid="enrollment-token-row">
      <td className="mono">{token.id}</td>
      <td>
        <span className="chip">{token.group}</span>
      </td>
      <td className="num">
        {count.format(token.uses)} / {token.maxUses === null ? '∞' : count.format(token.maxUses)}
      </td>
      <td>
        <Timestamp value={token.createdAt} relative />
        <span className="cell-sub">{token.createdBy ?? 'command line'}</span>
      </td>
      <td>
        <Timestamp value={token.expiresAt} relative />
      </td>
      <td>
        <Badge tone={statusTone[status]}>{status}</Badge>
      </td>
      {canWrite && (
        <td>
          {/* Expired and used-up tokens can enroll nobody already. */}
          {status === 'active' && (
            <div className="row-actions">
              <button type="button" className="btn btn-sm btn-danger-quiet" onClick={onRevoke}>
                Revoke
              </button>
            </div>
          )}
        </td>
      )}
    </tr>
  );
}
