import type { AlertSuppression } from '../../../../../src/protocol/alerts.ts';
import { Badge } from '../../../components/Badge.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { EntityChips } from '../EntityChips.tsx';
import { suppressionItems } from '../entityItems.ts';

const count = new Intl.NumberFormat();

interface SuppressionRowProps {
  suppression: AlertSuppression;
  canWrite: boolean;
  onDelete: () => void;
}

export function SuppressionRow({ suppression, canWrite, onDelete }: SuppressionRowProps) {
  return (
    <tr data-testid="suppression-row">
      <td>
        <EntityChips items={suppressionItems(suppression)} />
      </td>
      <td className="cell-truncate" title={suppression.reason}>
        {suppression.reason}
      </td>
      <td>{suppression.createdBy ?? <span className="muted">—</span>}</td>
      <td className="nowrap">
        <Timestamp value={suppression.expiresAt} relative fallback="Never" />
      </td>
      <td className="num">{count.format(suppression.suppressedCount)}</td>
      <td className="nowrap">
        <Timestamp value={suppression.lastSuppressedAt} relative fallback="Never" />
      </td>
      <td>
        <Badge tone={suppression.active ? 'warning' : 'neutral'}>
          {suppression.active ? 'Active' : 'Expired'}
        </Badge>
      </td>
      {canWrite && (
        <td>
          <div className="row-actions">
            <button type="button" className="btn btn-sm btn-danger-quiet" onClick={onDelete}>
              Delete
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}
