import { useSession } from '../../app/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { BlocksSection } from './BlocksSection.tsx';
import { FirewallPoliciesSection } from './firewall/FirewallPoliciesSection.tsx';
import { ResponsePoliciesPanel } from './ResponsePoliciesPanel.tsx';

export function NetworkPage() {
  const { can } = useSession();
  const canResponse = can('response:read');
  const canFirewall = can('firewall:read');
  return (
    <div className="page">
      <p className="page-lead">
        Addresses Vigil keeps out of your hosts: its response policies block the source of an attack on the
        hosts' firewalls within a second of the alert, and you can block or unblock an address by hand.
        Firewall policies say which traffic each group of hosts accepts.
      </p>
      {canResponse && (
        <>
          <BlocksSection />
          <ResponsePoliciesPanel />
        </>
      )}
      {canFirewall && <FirewallPoliciesSection />}
      {!canResponse && !canFirewall && (
        <EmptyState icon="network" title="Nothing to show">
          Your role may not view blocked addresses or firewall policies.
        </EmptyState>
      )}
    </div>
  );
}
