import { useEffect, useMemo, useState } from 'react';
import { listAgents } from '../../../api/agents.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { StatCard } from '../../../components/StatCard.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { EnrollCommands } from '../EnrollCommands.tsx';
import { EnrollmentTokensSection } from '../tokens/EnrollmentTokensSection.tsx';
import { HostRow } from './HostRow.tsx';

const loadAgents = async () => (await listAgents()).agents;
const columns = ['Hostname', 'Group', 'Status', 'Last seen', 'Agent', 'OS', 'Address', 'Spooled', 'Dropped'];
const count = new Intl.NumberFormat();
/** Status and last-seen times go stale; agents send heartbeats every 30 s by default. */
const refreshMs = 30_000;

export function HostListPage() {
  const agents = useResource(loadAgents);
  const [group, setGroup] = useState('');
  const { reload } = agents;

  useEffect(() => {
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [reload]);

  const all = agents.data;
  const groups = useMemo(() => [...new Set((all ?? []).map((agent) => agent.group))].sort(), [all]);
  // A group whose last host was revoked and removed no longer filters anything.
  const activeGroup = groups.includes(group) ? group : '';
  const shown = all?.filter((agent) => activeGroup === '' || agent.group === activeGroup);
  const online = all?.filter((agent) => agent.status === 'online').length ?? 0;
  const revoked = all?.filter((agent) => agent.status === 'revoked').length ?? 0;

  const filter = groups.length > 1 && (
    <div className="inline-field">
      <label htmlFor="host-group">Group</label>
      <select
        id="host-group"
        className="select select-sm"
        value={activeGroup}
        onChange={(event) => setGroup(event.target.value)}
      >
        <option value="">All groups</option>
        {groups.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="page">
      <p className="page-lead">
        Servers and workstations running the Vigil agent: whether they are checking in, and what is installed,
        listening and allowed to log in on each.
      </p>
      {all !== undefined && all.length > 0 && (
        <div className="stat-grid">
          <StatCard name="hosts" label="Hosts" icon="hosts" value={count.format(all.length)} />
          <StatCard
            name="hosts-online"
            label="Online"
            icon="check"
            tone={online > 0 ? 'success' : 'default'}
            value={count.format(online)}
          />
          <StatCard
            name="hosts-offline"
            label="Offline"
            icon="warning"
            tone={all.length - online - revoked > 0 ? 'danger' : 'default'}
            value={count.format(all.length - online - revoked)}
          />
          <StatCard name="hosts-revoked" label="Revoked" icon="shieldAlert" value={count.format(revoked)} />
        </div>
      )}
      <ErrorAlert error={agents.error} />
      <Panel title="Hosts" flush actions={filter || undefined}>
        {shown === undefined ? (
          agents.loading && <Loading />
        ) : shown.length === 0 ? (
          <EmptyState icon="hosts" title="No hosts enrolled yet" footer={<EnrollCommands />}>
            Hosts appear here once the Vigil agent runs on them and enrolls with a token.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <TableHead columns={columns} />
              <tbody>
                {shown.map((agent) => (
                  <HostRow key={agent.id} agent={agent} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <EnrollmentTokensSection />
    </div>
  );
}
