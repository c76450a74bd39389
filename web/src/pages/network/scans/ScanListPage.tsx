import { useCallback, useMemo, useState } from 'react';
import type { NetScanStatus, NetScanSummary } from '../../../../../src/protocol/netscan-api.ts';
import { listNetScanGroups, listNetScans } from '../../../api/netscans.ts';
import { navigate, useHashQuery, withQuery } from '../../../app/router.ts';
import { useSession } from '../../../app/session.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoadMoreFooter } from '../../../components/LoadMoreFooter.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { useOffsetPages } from '../../../hooks/useOffsetPages.ts';
import { usePollWhile } from '../../../hooks/usePollWhile.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { GroupsTable } from './GroupsTable.tsx';
import { scanStatusLabels } from './netscanLabels.ts';
import { scansPath } from './netscanPaths.ts';
import { RunScanForm } from './RunScanForm.tsx';
import { ScanHistoryChart } from './ScanHistoryChart.tsx';
import { ScansTable } from './ScansTable.tsx';

const pageSize = 50;
/** The chart shows this many of the newest finished scans. */
const chartScans = 30;

const statusOptions = [
  { value: '', label: 'Any' },
  ...(Object.keys(scanStatusLabels) as NetScanStatus[]).map((status) => ({
    value: status,
    label: scanStatusLabels[status].label,
  })),
];

const isActive = (scan: NetScanSummary) => scan.status === 'queued' || scan.status === 'running';

const shortTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `#/network/scans[?group=…&status=…]`: the scans newest first, the groups, and a form to start one. */
export function ScanListPage() {
  const query = useHashQuery();
  // A group name as the server spells them; anything else in a hand-made address means every group.
  const named = query.get('group') ?? '';
  const group = /^[a-z0-9][a-z0-9._-]{0,63}$/.test(named) ? named : '';
  const status = (Object.keys(scanStatusLabels) as NetScanStatus[]).find((s) => s === query.get('status'));
  const groups = useResource(listNetScanGroups);
  const { can } = useSession();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(
    (offset: number) =>
      listNetScans({ group: group || undefined, status, limit: pageSize, offset }).then((list) => ({
        items: list.scans,
        total: list.total,
      })),
    [group, status],
  );
  const pages = useOffsetPages(load);
  const scans = pages.items;
  const { reload: reloadScans } = pages;
  const { reload: reloadGroups } = groups;
  // The groups' last scans change with the list, so both come back together.
  const reload = useCallback(() => {
    reloadScans();
    reloadGroups();
  }, [reloadScans, reloadGroups]);
  const active = scans?.some(isActive) === true;

  usePollWhile(active, pages.loading, reload);

  // One group's scans, so the chart compares like with like: the chosen group, else the newest scanned one.
  const chartGroup = group || scans?.find((scan) => scan.group !== null && scan.stats !== null)?.group;
  const points = useMemo(
    () =>
      (scans ?? [])
        .filter((scan) => scan.group === chartGroup && scan.stats !== null && scan.finishedAt !== null)
        .slice(0, chartScans)
        .reverse()
        .map((scan) => ({
          label: shortTime.format(new Date(scan.finishedAt ?? '')),
          openPorts: scan.stats?.openPorts ?? 0,
          findings: {
            critical: scan.stats?.bySeverity.critical ?? 0,
            high: scan.stats?.bySeverity.high ?? 0,
            medium: scan.stats?.bySeverity.medium ?? 0,
            low: scan.stats?.bySeverity.low ?? 0,
            informational: scan.stats?.bySeverity.informational ?? 0,
          },
        })),
    [scans, chartGroup],
  );

  const filter = (name: 'group' | 'status', value: string) => {
    const next = new URLSearchParams(query);
    if (value === '') next.delete(name);
    else next.set(name, value);
    navigate(withQuery(scansPath, next));
  };

  const groupList = groups.data?.groups ?? [];
  const scope = groups.data?.scope;

  return (
    <div className="page">
      <p className="page-lead">
        Vigil scans the addresses you configure for open ports, identifies each service, and audits TLS, SSH
        and HTTP and what answers without a password. Each scan is compared with the previous one of its
        group: new ports, new services and changed certificates stand out.
      </p>
      {notice !== undefined && <Notice>{notice}</Notice>}
      <ErrorAlert error={groups.error} />
      {scope !== undefined && scope.length === 0 && (
        <div className="alert alert-warning" role="alert" data-testid="scope-missing">
          <p>
            Server scans are off: no <code>netscan.scope</code> is configured, so there is nothing Vigil may
            scan. Add the ranges you own to the server’s configuration.
          </p>
        </div>
      )}
      {can('network:write') && groups.data !== undefined && scope !== undefined && scope.length > 0 && (
        <Panel title="Run a scan">
          <RunScanForm
            groups={groupList}
            scope={scope}
            onQueued={(scan) => {
              setNotice(
                `Scan of ${scan.group === null ? scan.targets.join(', ') : `group ${scan.group}`} queued. It appears below and updates as it runs.`,
              );
              reload();
            }}
          />
        </Panel>
      )}
      {points.length > 1 && (
        <Panel title={`Group ${chartGroup ?? ''}: open services and findings by scan`}>
          <div className="chart chart-short" data-testid="net-scan-chart">
            <ScanHistoryChart points={points} />
          </div>
        </Panel>
      )}
      <Panel
        title="Scans"
        flush
        actions={
          <button type="button" className="btn btn-sm" onClick={reload}>
            Refresh
          </button>
        }
      >
        <div className="panel-toolbar">
          <div className="toolbar-form">
            <SelectField
              id="scan-group"
              label="Group"
              value={group}
              options={[
                { value: '', label: 'Every group' },
                ...groupList.map((entry) => ({ value: entry.name, label: entry.name })),
              ]}
              onChange={(value) => filter('group', value)}
            />
            <SelectField
              id="scan-status"
              label="Status"
              value={status ?? ''}
              options={statusOptions}
              onChange={(value) => filter('status', value)}
            />
          </div>
        </div>
        <ErrorAlert error={pages.error} />
        {scans === undefined ? (
          pages.loading && <Loading />
        ) : scans.length === 0 ? (
          <EmptyState icon="network" title={query.size > 0 ? 'No scan matches' : 'No scans yet'}>
            {query.size > 0
              ? 'No scan matches these filters.'
              : 'Scans appear here once someone runs one or a group’s schedule comes round.'}
          </EmptyState>
        ) : (
          <ScansTable scans={scans} />
        )}
        <LoadMoreFooter pages={pages} />
      </Panel>
      {groupList.length > 0 && (
        <Panel title="Target groups" flush>
          <GroupsTable groups={groupList} />
        </Panel>
      )}
    </div>
  );
}
