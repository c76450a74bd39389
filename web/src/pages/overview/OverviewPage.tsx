import { fetchOverview } from '../../api/overview.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
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

export function OverviewPage() {
  const { data, error, reload } = useResource(fetchOverview);

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
