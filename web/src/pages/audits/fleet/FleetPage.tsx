import { useMemo, useState } from 'react';
import { auditOverview } from '../../../api/audits.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useAuditPermissions } from '../auditPermissions.ts';
import { AuditPoliciesSection } from '../policies/AuditPoliciesSection.tsx';
import { RunNowButton } from '../RunNowButton.tsx';
import { WaiversSection } from '../waivers/WaiversSection.tsx';
import { FleetSummary } from './FleetSummary.tsx';
import { HostScoresTable } from './HostScoresTable.tsx';

/** The fleet: its score and where it comes from, every host's score, the policies and the waivers. */
export function FleetPage() {
  const overview = useResource(auditOverview);
  const permissions = useAuditPermissions();
  const [notice, setNotice] = useState<string>();
  const [runError, setRunError] = useState<unknown>();
  const data = overview.data;
  const hosts = useMemo(() => data?.hosts ?? [], [data]);
  const groups = useMemo(() => [...new Set(hosts.map((host) => host.group))].sort(), [hosts]);

  const hostActions = permissions.canRun ? (
    <RunNowButton
      target={{}}
      label="Run now: every host"
      onQueued={(message) => {
        setRunError(undefined);
        setNotice(message);
      }}
      onError={setRunError}
    />
  ) : undefined;

  return (
    <div className="page">
      <p className="page-lead">
        How well your hosts meet your security standards: each policy’s checks run on the hosts of its groups,
        and the score is the share of applicable checks that pass. Open a host to see what failed and how to
        fix it.
      </p>
      {notice !== undefined && <Notice>{notice}</Notice>}
      <ErrorAlert error={overview.error} />
      {data === undefined ? (
        overview.loading && <Loading />
      ) : (
        <>
          <FleetSummary overview={data} />
          <Panel title="Hosts" flush actions={hostActions}>
            <ErrorAlert error={runError} />
            {hosts.length === 0 ? (
              <EmptyState icon="hosts" title="No hosts enrolled yet">
                Hosts are audited once the Vigil agent runs on them: each runs the approved policies assigned
                to its group.
              </EmptyState>
            ) : (
              <HostScoresTable hosts={hosts} />
            )}
          </Panel>
        </>
      )}
      <AuditPoliciesSection
        scores={data?.policies ?? []}
        knownGroups={groups}
        permissions={permissions}
        onNotice={setNotice}
        onChanged={overview.reload}
      />
      <WaiversSection
        hosts={hosts}
        canWrite={permissions.canWrite}
        onNotice={setNotice}
        onChanged={overview.reload}
      />
    </div>
  );
}
