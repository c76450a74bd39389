import { href, useHashPath } from '../../app/router.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { auditRoute, auditsPath } from './auditPaths.ts';
import { CheckDetailPage } from './check/CheckDetailPage.tsx';
import { FleetPage } from './fleet/FleetPage.tsx';
import { HostAuditPage } from './host/HostAuditPage.tsx';

/**
 * `#/audits`: the fleet; `#/audits/<agentId>`: one host's audit;
 * `#/audits/<agentId>/<policyId>/<checkId>`: one check on that host.
 */
export function AuditsPage() {
  const route = auditRoute(useHashPath());
  switch (route.page) {
    case 'fleet':
      return <FleetPage />;
    case 'host':
      return <HostAuditPage key={route.agentId} agentId={route.agentId} />;
    case 'check':
      return (
        <CheckDetailPage
          key={`${route.agentId}/${route.policyId}/${route.checkId}`}
          agentId={route.agentId}
          policyId={route.policyId}
          checkId={route.checkId}
        />
      );
    case 'unknown':
      return (
        <div className="page">
          <EmptyState icon="audits" title="Page not found">
            There is no audit page at this address. <a href={href(auditsPath)}>Back to the audits</a>.
          </EmptyState>
        </div>
      );
  }
}
