import { useSession } from '../../app/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { BlocksSection } from './BlocksSection.tsx';
import { ResponsePoliciesPanel } from './ResponsePoliciesPanel.tsx';

export function NetworkPage() {
  const { can } = useSession();
  return (
    <div className="page">
      <p className="page-lead">
        Addresses Vigil keeps out of your hosts: its response policies block the source of an attack on the
        hosts' firewalls within a second of the alert, and you can block or unblock an address by hand.
      </p>
      {can('response:read') ? (
        <>
          <BlocksSection />
          <ResponsePoliciesPanel />
        </>
      ) : (
        <EmptyState icon="network" title="Nothing to show">
          Your role may not view blocked addresses.
        </EmptyState>
      )}
    </div>
  );
}
