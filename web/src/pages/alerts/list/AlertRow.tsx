import type { Alert } from '../../../../../src/protocol/alerts.ts';
import { href, navigate } from '../../../app/router.ts';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { EntityChips } from '../EntityChips.tsx';
import { alertEntityItems } from '../entityItems.ts';
import { alertPath } from '../alertPaths.ts';
import { AlertStatusBadge } from '../AlertStatusBadge.tsx';
import { SeverityBadge } from '../SeverityBadge.tsx';
import { toIso } from '../toIso.ts';

const count = new Intl.NumberFormat();

export function AlertRow({ alert }: { alert: Alert }) {
  const path = alertPath(alert.id);
  const info = alert.finding_info;
  return (
    <tr
      data-testid="alert-row"
      className={`row-link severity-${alert.severity}`}
      // The title is the real link for keyboards and screen readers; a click anywhere else on the row is a shortcut.
      onClick={(event) => {
        if (!(event.target instanceof Element) || event.target.closest('a, button') === null) navigate(path);
      }}
    >
      <td>
        <SeverityBadge severity={alert.severity} />
      </td>
      <td className="alert-title-cell">
        <a className="cell-link" href={href(path)}>
          {info.title}
        </a>
        <span className="cell-sub">{info.analytic.uid}</span>
      </td>
      <td>
        <EntityChips items={alertEntityItems(alert.entities)} />
      </td>
      <td className="num">{count.format(alert.count)}</td>
      <td className="nowrap">
        <Timestamp value={toIso(info.first_seen_time)} relative />
      </td>
      <td className="nowrap">
        <Timestamp value={toIso(info.last_seen_time)} relative />
      </td>
      <td>
        <AlertStatusBadge status={alert.status} />
      </td>
      <td>{alert.assignee ?? <span className="muted">—</span>}</td>
    </tr>
  );
}
