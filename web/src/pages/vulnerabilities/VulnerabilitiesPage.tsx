import { EmptyState } from '../../components/EmptyState.tsx';

export function VulnerabilitiesPage() {
  return (
    <div className="page">
      <p className="page-lead">
        Vigil will match installed software against published advisories and tell you which vulnerabilities to
        patch first.
      </p>
      <EmptyState icon="vulnerabilities" title="No vulnerabilities found yet">
        Findings will appear here once hosts are enrolled and scanned.
      </EmptyState>
    </div>
  );
}
