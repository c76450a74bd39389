import { fetchOverview } from '../../api/overview.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { ChangesChart } from './ChangesChart.tsx';
import { LoginsChart } from './LoginsChart.tsx';

const count = new Intl.NumberFormat();

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
        <StatCard name="users" label="Users" icon="users" value={count.format(data.users)} />
        <StatCard
          name="active-sessions"
          label="Active sessions"
          icon="account"
          value={count.format(data.activeSessions)}
        />
        <StatCard name="api-tokens" label="API tokens" icon="key" value={count.format(data.apiTokens)} />
        <StatCard
          name="audit-entries"
          label="Audit entries"
          icon="log"
          value={count.format(data.auditEntries)}
        />
        <StatCard
          name="audit-chain"
          label="Audit chain"
          icon={data.auditChainOk ? 'shieldCheck' : 'shieldAlert'}
          tone={data.auditChainOk ? 'success' : 'danger'}
          value={data.auditChainOk ? 'OK' : 'Broken'}
        />
      </div>
      <div className="chart-grid">
        <Panel title="Sign-ins, last 14 days">
          <div className="chart" data-testid="chart-logins">
            <LoginsChart days={data.logins} />
          </div>
        </Panel>
        <Panel title="Changes, last 14 days">
          <div className="chart" data-testid="chart-changes">
            <ChangesChart days={data.changes} />
          </div>
        </Panel>
      </div>
      <p className="page-footnote">
        Vigil {data.version} · {data.database === 'postgres' ? 'PostgreSQL' : 'SQLite'}
      </p>
    </div>
  );
}
