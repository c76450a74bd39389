import { useCallback, useMemo, useState } from 'react';
import type { NetFindingRecord, NetFindingStatus } from '../../../../../src/protocol/netscan-api.ts';
import { listNetFindings, listNetScanGroups, updateNetFinding } from '../../../api/netscans.ts';
import { navigate, useHashQuery, withQuery } from '../../../app/router.ts';
import { useSession } from '../../../app/session.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoadMoreFooter } from '../../../components/LoadMoreFooter.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { StatCard } from '../../../components/StatCard.tsx';
import { useOffsetPages } from '../../../hooks/useOffsetPages.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { useSubmit } from '../../../hooks/useSubmit.ts';
import { formatCount } from '../../vulnerabilities/vulnLabels.ts';
import { findingQuery, readFindingFilters, toFindingQuery } from './netFindingFilters.ts';
import { NetFindingFilterBar } from './NetFindingFilterBar.tsx';
import { netFindingsPath } from './netscanPaths.ts';
import { NetFindingsTable } from './NetFindingsTable.tsx';

const pageSize = 200;

/** Open findings in all: at least critical, at least high; the tiles take the differences. */
async function openCounts() {
  const total = (severity?: 'critical' | 'high') =>
    listNetFindings({ status: 'open', severity, limit: 1 }).then((list) => list.total);
  const [all, critical, high] = await Promise.all([total(), total('critical'), total('high')]);
  return { all, critical, high: high - critical, rest: all - high };
}

/** `#/network/findings[?filters]`: what the scans found wrong, worst first, each with evidence and a fix. */
export function NetFindingsPage() {
  const query = useHashQuery();
  const values = useMemo(() => readFindingFilters(query), [query]);
  const counts = useResource(openCounts);
  const groups = useResource(listNetScanGroups);
  const load = useCallback(
    (offset: number) =>
      listNetFindings(toFindingQuery(values, offset, pageSize)).then((list) => ({
        items: list.findings,
        total: list.total,
      })),
    [values],
  );
  const pages = useOffsetPages(load);
  const { can } = useSession();
  const change = useSubmit();
  // Findings a user changed here, as the server returned them: the row shows its new status in place
  // (and stays, even where the filter no longer matches it) until the list is loaded again.
  const [changed, setChanged] = useState<ReadonlyMap<string, NetFindingRecord>>(() => new Map());
  const findings = pages.items?.map((finding) => changed.get(finding.id) ?? finding);
  const reload = () => {
    setChanged(new Map());
    counts.reload();
    pages.reload();
  };
  const setStatus = (id: string, status: NetFindingStatus) =>
    void change.run(async () => {
      const finding = await updateNetFinding(id, { status });
      setChanged((previous) => new Map(previous).set(finding.id, finding));
      counts.reload();
    });
  const filtered = findingQuery(values).size > 0;
  const danger = (n: number) => (n > 0 ? 'danger' : 'default');

  return (
    <div className="page">
      <p className="page-lead">
        What the network scans found wrong: weak TLS and SSH, missing HTTP protections, exposed files,
        services that let anyone in, and what changed since a group's previous scan. A finding stays open
        while scans keep seeing it and resolves itself when one no longer does; acknowledge one you know about
        to take it off the open list, or resolve it by hand. Open a finding for its evidence and the fix.
      </p>
      <ErrorAlert error={counts.error ?? groups.error} />
      {counts.data !== undefined && (
        <div className="stat-grid">
          <StatCard
            name="net-findings-open"
            label="Open findings"
            icon="warning"
            value={formatCount(counts.data.all)}
          />
          <StatCard
            name="net-findings-critical"
            label="Critical"
            icon="shieldAlert"
            tone={danger(counts.data.critical)}
            value={formatCount(counts.data.critical)}
          />
          <StatCard
            name="net-findings-high"
            label="High"
            icon="shieldAlert"
            tone={danger(counts.data.high)}
            value={formatCount(counts.data.high)}
          />
          <StatCard
            name="net-findings-rest"
            label="Medium and lower"
            icon="shieldCheck"
            value={formatCount(counts.data.rest)}
          />
        </div>
      )}
      <Panel
        title="Findings"
        flush
        actions={
          <>
            {findings !== undefined && (
              <span className="muted" data-testid="net-findings-count">
                {formatCount(pages.total)} {pages.total === 1 ? 'finding' : 'findings'}
              </span>
            )}
            <button type="button" className="btn btn-sm" onClick={reload}>
              Refresh
            </button>
          </>
        }
      >
        <div className="panel-toolbar">
          <NetFindingFilterBar
            key={query.toString()}
            values={values}
            groups={(groups.data?.groups ?? []).map((group) => group.name)}
            onApply={(next) => {
              setChanged(new Map());
              navigate(withQuery(netFindingsPath, findingQuery(next)));
            }}
          />
        </div>
        <ErrorAlert error={pages.error ?? change.error} />
        {findings === undefined ? (
          pages.loading && <Loading />
        ) : findings.length === 0 ? (
          <EmptyState icon="shieldCheck" title={filtered ? 'No finding matches' : 'No open findings'}>
            {filtered
              ? 'Nothing matches these filters. Reset them to see every open finding.'
              : 'No network scan has found anything wrong, or none has run yet.'}
          </EmptyState>
        ) : (
          <NetFindingsTable
            findings={findings}
            onStatus={can('network:write') ? setStatus : undefined}
            busy={change.busy}
          />
        )}
        <LoadMoreFooter pages={pages} />
      </Panel>
    </div>
  );
}
