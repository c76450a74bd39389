import { EmptyState } from '../../components/EmptyState.tsx';

export function IdentityPage() {
  return (
    <div className="page">
      <p className="page-lead">
        Vigil will review the accounts in your identity provider for missing MFA, stale users, weak sign-in
        settings and excessive privileges.
      </p>
      <EmptyState icon="identity" title="No identity provider connected yet">
        Connect a directory to see account risks and recommendations here.
      </EmptyState>
    </div>
  );
}
