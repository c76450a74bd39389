import { EmptyState } from '../../components/EmptyState.tsx';

export function AuditsPage() {
  return (
    <div className="page">
      <p className="page-lead">
        Vigil will run scheduled configuration audits against recognised security benchmarks and track how
        your score improves over time.
      </p>
      <EmptyState icon="audits" title="No audits have run yet">
        Audit results and failed checks will appear here once the first audit completes.
      </EmptyState>
    </div>
  );
}
