import type { ApiToken } from '../../../../../src/protocol/tokens.ts';
import { Badge } from '../../../components/Badge.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { tokenStatus } from './tokenStatus.ts';

const statusTone = { active: 'success', expired: 'warning', revoked: 'neutral' } as const;

interface TokenRowProps {
  token: ApiToken;
  canWrite: boolean;
  onRevoke: () => void;
}

export function TokenRow({ token, canWrite, onRevoke }: TokenRowProps) {
  const status = tokenStatus(token);
  return (
    <tr data-testid="token-row">
      <td className="strong">{token.name}</td>
      <td>{token.username}</td>
      <td>
        <ul className="chips">
          {token.scopes.map((scope) => (
            <li key={scope} className="chip">
              {scope}
            </li>
          ))}
        </ul>
      </td>
      <td>
        <Timestamp value={token.createdAt} relative />
      </td>
      <td>
        <Timestamp value={token.expiresAt} relative fallback="Never" />
      </td>
      <td>
        <Timestamp value={token.lastUsedAt} relative fallback="Never" />
      </td>
      <td>
        <Badge tone={statusTone[status]}>{status}</Badge>
      </td>
      {canWrite && (
        <td>
          {status !== 'revoked' && (
            <button type="button" className="btn btn-sm btn-danger-quiet" onClick={onRevoke}>
              Revoke
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
