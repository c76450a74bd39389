import { alertSummary } from '../../api/alerts.ts';
import { fetchOverview } from '../../api/overview.ts';
import { href } from '../../app/router.ts';
import { useSession } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { OutcomesChart } from './OutcomesChart.tsx';

const count = new Intl.NumberFormat();

const totals = [
  { name: 'users', label: 'Users', icon: 'users', field: 'users' },
  { name: 'active-sessions', label: 'Active sessions', icon: 'account', field: 'activeSessions' },
  { name: 'api-tokens', label: 'API tokens', icon: 'key', field: 'apiTokens' },
  { name: 'audit-entries', label: 'Audit entries', icon: 'log', field: 'auditEntries' },
] as const;

const charts = [
  { field: 'logins', subject: 'Sign-ins', type: 'bar', successLabel: 'Successful', successColor: 'success' },
  { field: 'changes', subject: 'Changes', type: 'line', successLabel: 'Succeeded', successColor: 'accent' },
] as const;

/** Shown above the figures while alerts are open, for those who may see them; it links to the list. */
function OpenAlertsNotice() {
  const { data } = useResource(alertSummary);
  if (data === undefined || data.open === 0) return null;
  return (
    <div className="alert alert-warning" role="status" data-testid="open-alerts">
      <Icon name="alerts" />
      <p>
        <strong>{count.format(data.open)} open alerts</strong>, {count.format(data.new)} not yet acknowledged.{' '}
        <a href={href('/alerts')}>Review alerts</a>
      </p>
    </div>
  );
}

export function OverviewPage() {
  const { data, error, reload } = useResource(fetchOverview);
  const { can } = useSession();

  if (data === undefined) {
    return error === undefined ? (
      <Loading />
    ) : (
      <div className="page">
        <ErrorAlert error={error} />
        <div>
          <button type="button" className="btn" onClick={reload}>
            Try again
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="page">
      <p className="page-lead">
        Sign-in activity, changes and the health of the audit trail for this Vigil instance.
      </p>
      {can('alerts:read') && <OpenAlertsNotice />}
      <div className="stat-grid">
        {totals.map(({ name, label, icon, field }) => (
          <StatCard key={name} name={name} label={label} icon={icon} value={count.format(data[field])} />
        ))}
        <StatCard
          name="audit-chain"
          label="Audit chain"
          icon={data.auditChainOk ? 'shieldCheck' : 'shieldAlert'}
          tone={data.auditChainOk ? 'success' : 'danger'}
          value={data.auditChainOk ? 'OK' : 'Broken'}
        />
      </div>
      <div className="chart-grid">
        {charts.map(({ field, subject, ...chart }) => (
          <Panel key={field} title={`${subject}, last 14 days`}>
            <div className="chart" data-testid={`chart-${field}`}>
              <OutcomesChart {...chart} subject={subject} days={data[field]} />
            </div>
          </Panel>
        ))}
      </div>
      <p className="page-footnote">
        Vigil {data.version} · {data.database === 'postgres' ? 'PostgreSQL' : 'SQLite'}
      </p>
    </div>
  );
}
