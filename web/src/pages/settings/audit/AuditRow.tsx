import type { AuditEntry } from '../../../../../src/protocol/audit.ts';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { OutcomeBadge } from './OutcomeBadge.tsx';

export function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr data-testid="audit-row" title={entry.detail ?? undefined}>
      <td className="nowrap">
        <Timestamp value={entry.at} />
      </td>
      <td>{entry.actor ?? <span className="muted">anonymous</span>}</td>
      <td>
        <code>{entry.action}</code>
        <span className="cell-sub">
          {entry.method} {entry.path}
        </span>
      </td>
      <td className="break">{entry.target ?? <span className="muted">—</span>}</td>
      <td className="mono">{entry.sourceIp ?? <span className="muted">—</span>}</td>
      <td className="mono">{entry.status}</td>
      <td>
        <OutcomeBadge outcome={entry.outcome} />
      </td>
    </tr>
  );
}
