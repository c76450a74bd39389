import { EmptyState } from '../../components/EmptyState.tsx';

export function AlertsPage() {
  return (
    <div className="page">
      <p className="page-lead">
        Vigil will correlate signals from your hosts, network and identity provider into prioritised alerts,
        each with plain-language advice on what to do next.
      </p>
      <EmptyState icon="alerts" title="No alerts yet">
        When Vigil spots something that needs your attention it will appear here, ranked by severity.
      </EmptyState>
    </div>
  );
}
