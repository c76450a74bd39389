import { useCallback, useEffect, useState } from 'react';
import type { HostInventory } from '../../../../../src/protocol/inventory.ts';
import { getAgent, getInventory, revokeAgent } from '../../../api/agents.ts';
import { href } from '../../../app/router.ts';
import { useSession } from '../../../app/session.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Tabs, type TabSpec } from '../../../components/Tabs.tsx';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { EventsTab } from './EventsTab.tsx';
import { FimTab } from './FimTab.tsx';
import { HostSummary } from './HostSummary.tsx';
import { NoInventory } from './NoInventory.tsx';
import { PackagesTab } from './PackagesTab.tsx';
import { PortsTab } from './PortsTab.tsx';
import { groupServices, ServicesTab } from './ServicesTab.tsx';
import { UsersTab } from './UsersTab.tsx';

type HostTab = 'packages' | 'ports' | 'users' | 'services' | 'fim' | 'events';
type EventTab = 'fim' | 'events';
const refreshMs = 30_000;

function tabSpecs(inventory: HostInventory | null | undefined): TabSpec<HostTab>[] {
  const snapshot = inventory?.inventory;
  return [
    { id: 'packages', label: 'Packages', count: snapshot?.packages.length },
    { id: 'ports', label: 'Listening ports', count: snapshot?.listeners.length },
    { id: 'users', label: 'Users', count: snapshot?.users.length },
    { id: 'services', label: 'Services', count: snapshot && groupServices(snapshot.services).length },
    { id: 'fim', label: 'File changes' },
    { id: 'events', label: 'Recent events' },
  ];
}

function InventoryTab({ tab, inventory }: { tab: Exclude<HostTab, EventTab>; inventory: HostInventory }) {
  const snapshot = inventory.inventory;
  switch (tab) {
    case 'packages':
      return <PackagesTab packages={snapshot.packages} otherPackages={snapshot.otherPackages} />;
    case 'ports':
      return <PortsTab listeners={snapshot.listeners} />;
    case 'users':
      return <UsersTab users={snapshot.users} groups={snapshot.groups} sudoRules={snapshot.sudoRules} />;
    case 'services':
      return <ServicesTab services={snapshot.services} />;
  }
}

export function HostDetailPage({ agentId }: { agentId: string }) {
  const { can } = useSession();
  const loadAgent = useCallback(() => getAgent(agentId), [agentId]);
  const loadInventory = useCallback(() => getInventory(agentId), [agentId]);
  const agent = useResource(loadAgent);
  const inventory = useResource(loadInventory);
  const [tab, setTab] = useState<HostTab>('packages');
  const [revoking, setRevoking] = useState(false);
  const canWrite = can('agents:write');
  useDocumentTitle(agent.data?.hostname);

  // Status and last-seen time go stale; the inventory changes at most hourly and is reloaded with the page.
  const { reload } = agent;
  useEffect(() => {
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [reload]);

  if (agent.data === undefined) {
    if (agent.error?.status === 404) {
      return (
        <div className="page">
          <EmptyState icon="hosts" title="No such host">
            No enrolled host has the id <code>{agentId}</code>. <a href={href('/hosts')}>Back to all hosts</a>
            .
          </EmptyState>
        </div>
      );
    }
    return agent.error === undefined ? (
      <Loading />
    ) : (
      <div className="page">
        <ErrorAlert error={agent.error} />
        <div>
          <button type="button" className="btn" onClick={agent.reload}>
            Try again
          </button>
        </div>
      </div>
    );
  }

  const host = agent.data;
  const collectorErrors = inventory.data?.inventory.errors ?? [];

  return (
    <div className="page">
      <HostSummary
        agent={host}
        inventory={inventory.data}
        canWrite={canWrite}
        onRevoke={() => setRevoking(true)}
      />
      <ErrorAlert error={inventory.error} />
      {collectorErrors.length > 0 && (
        <div className="alert alert-warning" role="status">
          <Icon name="warning" />
          <div>
            <p>Parts of the inventory could not be collected, so they may be empty or incomplete:</p>
            <ul className="alert-issues">
              {collectorErrors.map((error, index) => (
                <li key={index}>
                  <code>{error.collector}</code>: {error.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <section className="panel" aria-label="Host inventory and events">
        <Tabs
          label="Host inventory and events"
          tabs={tabSpecs(inventory.data)}
          selected={tab}
          onSelect={setTab}
          testIdPrefix="host-tab"
        >
          {tab === 'events' ? (
            <EventsTab agentId={agentId} />
          ) : tab === 'fim' ? (
            <FimTab agentId={agentId} />
          ) : inventory.data === undefined ? (
            inventory.loading && <Loading />
          ) : inventory.data === null ? (
            <NoInventory />
          ) : (
            <InventoryTab tab={tab} inventory={inventory.data} />
          )}
        </Tabs>
      </section>
      {revoking && (
        <ConfirmDialog
          title="Revoke agent"
          confirmLabel="Revoke agent"
          onConfirm={async () => {
            const revoked = await revokeAgent(host.id);
            agent.update(() => revoked);
          }}
          onClose={() => setRevoking(false)}
        >
          Revoke the agent on <strong>{host.hostname}</strong>? Its next request is refused, so it stops
          sending logs and inventory; what it sent so far stays here. This cannot be undone: to bring the host
          back, delete <code>agent.json</code> and <code>agent.key</code> from the agent’s data directory and
          enroll it again with a new token.
        </ConfirmDialog>
      )}
    </div>
  );
}
