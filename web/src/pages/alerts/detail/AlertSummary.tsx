import type { ReactNode } from 'react';
import type { Alert, UpdateAlertRequest } from '../../../../../src/protocol/alerts.ts';
import { updateAlert } from '../../../api/alerts.ts';
import { href } from '../../../app/router.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useSubmit } from '../../../hooks/useSubmit.ts';
import { hostPath } from '../../hosts/hostPaths.ts';
import { AlertStatusBadge } from '../AlertStatusBadge.tsx';
import { SeverityBadge } from '../SeverityBadge.tsx';
import { toIso } from '../toIso.ts';
import { AlertActions } from './AlertActions.tsx';
import { AssigneeSelect } from './AssigneeSelect.tsx';
import { AttackLinks } from './AttackLinks.tsx';

const count = new Intl.NumberFormat();
const none = <span className="muted">—</span>;
const mono = (value: string | null) => (value === null ? none : <span className="mono">{value}</span>);

interface AlertSummaryProps {
  alert: Alert;
  canWrite: boolean;
  onChanged: (alert: Alert) => void;
  onSuppress: () => void;
}

export function AlertSummary({ alert, canWrite, onChanged, onSuppress }: AlertSummaryProps) {
  const { busy, error, run } = useSubmit();
  const info = alert.finding_info;
  const { src_ip, user, host, agent_id } = alert.entities;
  const change = (body: UpdateAlertRequest) =>
    void run(async () => onChanged(await updateAlert(alert.id, body)));

  const facts: [string, ReactNode][] = [
    ['Source IP', mono(src_ip)],
    ['User', mono(user)],
    [
      'Host',
      agent_id === null ? (
        mono(host)
      ) : (
        <a className="mono" href={href(hostPath(agent_id))}>
          {host}
        </a>
      ),
    ],
    ['Events', <span className="num">{count.format(alert.count)}</span>],
    ['First seen', <Timestamp value={toIso(info.first_seen_time)} />],
    ['Last seen', <Timestamp value={toIso(info.last_seen_time)} />],
    ['Detected by', info.types.includes('correlation') ? 'Correlation rule' : 'Single-event rule'],
    [
      'Assignee',
      canWrite ? (
        <AssigneeSelect assignee={alert.assignee} busy={busy} onChange={(assignee) => change({ assignee })} />
      ) : (
        (alert.assignee ?? none)
      ),
    ],
    ['MITRE ATT&CK', <AttackLinks attacks={alert.attacks} />],
  ];

  return (
    <section className="panel" aria-labelledby="alert-title" data-testid="alert-summary">
      <header className="alert-header">
        <span className={`alert-header-icon severity-${alert.severity}`}>
          <Icon name="shieldAlert" />
        </span>
        <div className="alert-header-title">
          <h2 id="alert-title" className="alert-title">
            {info.title}
          </h2>
          <span className="cell-sub">rule {info.analytic.uid}</span>
        </div>
        <SeverityBadge severity={alert.severity} />
        <AlertStatusBadge status={alert.status} />
        {canWrite && (
          <AlertActions
            alert={alert}
            busy={busy}
            onStatus={(status) => change({ status })}
            onSuppress={onSuppress}
          />
        )}
      </header>
      {error !== undefined && (
        <div className="alert-header-error">
          <ErrorAlert error={error} />
        </div>
      )}
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {alert.tags.length > 0 && (
        <ul className="chips alert-tags" aria-label="Rule tags">
          {alert.tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
