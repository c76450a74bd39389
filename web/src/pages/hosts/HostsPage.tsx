import { EmptyState } from '../../components/EmptyState.tsx';

export function HostsPage() {
  return (
    <div className="page">
      <p className="page-lead">
        Vigil will inventory your servers and workstations, watch their security posture and flag risky
        changes as they happen.
      </p>
      <EmptyState icon="hosts" title="No hosts enrolled yet">
        Enrolled hosts will be listed here with their operating system, last check-in and risk level.
      </EmptyState>
    </div>
  );
}
