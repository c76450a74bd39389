import type { Block } from '../../../../src/protocol/blocks.ts';
import { href } from '../../app/router.ts';
import { Badge } from '../../components/Badge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { alertPath } from '../alerts/alertPaths.ts';
import { BlockHosts } from './BlockHosts.tsx';
import { blockStatus } from './blockStatus.ts';

const statusBadge = {
  active: { tone: 'danger', label: 'Blocked' },
  expired: { tone: 'neutral', label: 'Expired' },
  lifted: { tone: 'neutral', label: 'Lifted' },
} as const;

interface BlockRowProps {
  block: Block;
  canWrite: boolean;
  onUnblock: () => void;
}

export function BlockRow({ block, canWrite, onUnblock }: BlockRowProps) {
  const status = blockStatus(block);
  const badge = statusBadge[status];
  return (
    <tr data-testid="block-row">
      <td className="mono nowrap">{block.address}</td>
      <td className="cell-truncate" title={block.reason}>
        {block.reason}
        <span className="cell-sub">{block.createdBy}</span>
      </td>
      <td className="nowrap">
        {block.alertId === null ? (
          <span className="muted">—</span>
        ) : (
          <a href={href(alertPath(block.alertId))}>View alert</a>
        )}
      </td>
      <td className="nowrap">
        <BlockHosts block={block} />
      </td>
      <td className="nowrap">
        <Timestamp value={block.createdAt} relative />
      </td>
      <td className="nowrap">
        <Timestamp value={block.expiresAt} relative fallback="Never" />
      </td>
      <td className="nowrap">
        {block.level === 0 ? <span className="muted">By hand</span> : `Level ${block.level}`}
      </td>
      <td title={block.liftReason ?? undefined}>
        <Badge tone={badge.tone}>{badge.label}</Badge>
        {status === 'lifted' && <span className="cell-sub">by {block.liftedBy}</span>}
      </td>
      {canWrite && (
        <td>
          {status === 'active' && (
            <div className="row-actions">
              <button type="button" className="btn btn-sm btn-danger-quiet" onClick={onUnblock}>
                Unblock
              </button>
            </div>
          )}
        </td>
      )}
    </tr>
  );
}
