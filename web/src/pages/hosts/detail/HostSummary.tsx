import type { ReactNode } from 'react';
import type { Agent } from '../../../../../src/protocol/agents.ts';
import type { HostInventory } from '../../../../../src/protocol/inventory.ts';
import { Icon } from '../../../components/Icon.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { AgentStatusBadge } from '../AgentStatusBadge.tsx';

const count = new Intl.NumberFormat();

interface HostSummaryProps {
  agent: Agent;
  /** Null when the agent has sent none yet; undefined while it loads. */
  inventory: HostInventory | null | undefined;
  canWrite: boolean;
  onRevoke: () => void;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const none = <span className="muted">—</span>;

export function HostSummary({ agent, inventory, canWrite, onRevoke }: HostSummaryProps) {
  const host = inventory?.inventory.host;
  return (
    <section className="panel host-summary" aria-labelledby="host-name" data-testid="host-summary">
      <header className="host-summary-header">
        <span className="host-summary-icon">
          <Icon name="hosts" />
        </span>
        <div className="host-summary-title">
          <h2 id="host-name" className="host-name">
            {agent.hostname}
          </h2>
          <span className="cell-sub">{agent.id}</span>
        </div>
        <AgentStatusBadge status={agent.status} />
        {canWrite && agent.status !== 'revoked' && (
          <div className="host-summary-actions">
            <button type="button" className="btn btn-sm btn-danger-quiet" onClick={onRevoke}>
              Revoke agent
            </button>
          </div>
        )}
      </header>
      <dl className="facts">
        <Fact label="Group">
          <span className="chip">{agent.group}</span>
        </Fact>
        <Fact label="Operating system">{host?.os?.prettyName ?? (agent.os || none)}</Fact>
        <Fact label="Kernel">{host === undefined ? none : <span className="mono">{host.kernel}</span>}</Fact>
        <Fact label="Agent version">
          <span className="mono">{agent.version}</span>
        </Fact>
        <Fact label="Last seen">
          <Timestamp value={agent.lastSeenAt} relative fallback="Never" />
        </Fact>
        <Fact label="Address">
          {agent.address === null ? none : <span className="mono">{agent.address}</span>}
        </Fact>
        <Fact label="Enrolled">
          <Timestamp value={agent.enrolledAt} relative />
        </Fact>
        <Fact label="Inventory">
          <Timestamp value={inventory?.collectedAt ?? null} relative fallback="Not received" />
        </Fact>
        <Fact label="Spooled / dropped">
          <span className="num">{count.format(agent.spoolPending)}</span> /{' '}
          <span className={agent.spoolDropped > 0 ? 'num danger-text' : 'num'}>
            {count.format(agent.spoolDropped)}
          </span>
        </Fact>
        {agent.revokedAt !== null && (
          <Fact label="Revoked">
            <Timestamp value={agent.revokedAt} relative />
          </Fact>
        )}
      </dl>
    </section>
  );
}
