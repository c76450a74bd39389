import { Fragment, useCallback } from 'react';
import { getNetScan } from '../../../api/netscans.ts';
import { href } from '../../../app/router.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Fact } from '../../../components/Fact.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { StatCard } from '../../../components/StatCard.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle.ts';
import { usePollWhile } from '../../../hooks/usePollWhile.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { formatDateTime } from '../../../format/time.ts';
import { formatCount } from '../../vulnerabilities/vulnLabels.ts';
import { formatDuration, formatEndpoint } from './netscanLabels.ts';
import { scanPath, scansPath } from './netscanPaths.ts';
import { NetFindingsTable } from './NetFindingsTable.tsx';
import { ScanChanges } from './ScanChanges.tsx';
import { ScanHostsTable } from './ScanHostsTable.tsx';
import { ScanProgressBar } from './ScanProgressBar.tsx';
import { ScanStatusBadge } from './ScanStatusBadge.tsx';
import { SeverityCounts } from './SeverityCounts.tsx';

/** One scan: what it covered, the hosts and services it found, its findings, and what changed since the last. */
export function ScanDetailPage({ id }: { id: string }) {
  const load = useCallback(() => getNetScan(id), [id]);
  const scan = useResource(load);
  const data = scan.data;
  const { reload, loading } = scan;
  const active = data?.status === 'queued' || data?.status === 'running';
  useDocumentTitle(
    data === undefined
      ? undefined
      : `Scan of ${data.group ?? data.targets.join(', ')} ${formatDateTime(data.queuedAt)}`,
  );

  usePollWhile(active, loading, reload);

  if (data === undefined)
    return (
      <div className="page">
        {scan.error?.status === 404 ? (
          <EmptyState icon="network" title="No such scan">
            There is no scan with the id <code>{id}</code>. <a href={href(scansPath)}>Back to the scans</a>.
          </EmptyState>
        ) : (
          <>
            <ErrorAlert error={scan.error} />
            {scan.loading && <Loading />}
          </>
        )}
      </div>
    );

  const { stats, report } = data;
  const changes = stats === null ? 0 : Object.values(stats.changes).reduce((sum, n) => sum + n, 0);
  return (
    <div className="page">
      <nav className="back-link" aria-label="Breadcrumb">
        <a href={href(scansPath)}>Scans</a>
        <span aria-hidden="true"> / </span>
        <span className="muted">{data.group ?? 'ad hoc'}</span>
      </nav>
      <ErrorAlert error={scan.error} />
      <section className="panel" aria-label="Scan" data-testid="net-scan-summary">
        <dl className="facts">
          <Fact label="Status" testId="net-scan-status">
            <ScanStatusBadge scan={data} />
            {data.progress !== undefined && <ScanProgressBar progress={data.progress} />}
            {data.error !== null && <span className="cell-sub danger-text">{data.error}</span>}
          </Fact>
          <Fact label="Group">{data.group ?? <span className="muted">ad hoc</span>}</Fact>
          <Fact label="Targets" testId="net-scan-targets">
            <span className="mono break">{data.targets.join(', ')}</span>
          </Fact>
          <Fact label="Ports">
            <span className="mono">{data.ports}</span>
          </Fact>
          <Fact label="Checks">{data.checks.join(', ')}</Fact>
          <Fact label="Requested">
            {data.trigger === 'schedule' ? 'on schedule' : `by ${data.requestedBy}`},{' '}
            <Timestamp value={data.queuedAt} relative />
          </Fact>
          <Fact label="Started">
            <Timestamp value={data.startedAt} fallback="Not yet" />
          </Fact>
          <Fact label="Duration">{formatDuration(data.startedAt, data.finishedAt) ?? '—'}</Fact>
          <Fact label="Compared with">
            {data.previousScanId === null ? (
              <span className="muted">nothing: first scan of its group</span>
            ) : (
              <a href={href(scanPath(data.previousScanId))}>the previous scan</a>
            )}
          </Fact>
        </dl>
      </section>
      {stats !== null && (
        <div className="stat-grid net-stats">
          <StatCard
            name="net-hosts-up"
            label="Hosts up"
            icon="hosts"
            value={`${formatCount(stats.hostsUp)} / ${formatCount(stats.addresses)}`}
          />
          <StatCard
            name="net-open-ports"
            label="Open ports"
            icon="network"
            value={formatCount(stats.openPorts)}
          />
          <StatCard
            name="net-findings"
            label="Findings"
            icon="warning"
            tone={stats.findings > 0 ? 'danger' : 'success'}
            value={formatCount(stats.findings)}
          />
          <StatCard name="net-changes" label="Changes" icon="shieldAlert" value={formatCount(changes)} />
          <StatCard name="net-probes" label="Probes sent" icon="log" value={formatCount(stats.probes)} />
        </div>
      )}
      {data.changes.length > 0 && (
        <Panel title="Changes since the previous scan" flush>
          <ScanChanges changes={data.changes} />
        </Panel>
      )}
      {report !== null && (
        <>
          <Panel
            title="Findings"
            flush
            actions={stats !== null && <SeverityCounts counts={stats.bySeverity} />}
          >
            {report.findings.length === 0 ? (
              <p className="section-empty section-empty-top">This scan found nothing wrong.</p>
            ) : (
              <NetFindingsTable findings={report.findings} />
            )}
          </Panel>
          {data.newFindings.length > 0 && (
            <Panel title={`New in this scan (${formatCount(data.newFindings.length)})`} flush>
              <NetFindingsTable findings={data.newFindings} />
            </Panel>
          )}
          {data.resolvedFindings.length > 0 && (
            <Panel title={`Resolved by this scan (${formatCount(data.resolvedFindings.length)})`} flush>
              <NetFindingsTable findings={data.resolvedFindings} />
            </Panel>
          )}
          <Panel title="Hosts and services" flush>
            {report.hosts.some((host) => host.up) ? (
              <ScanHostsTable hosts={report.hosts} findings={report.findings} />
            ) : (
              <p className="section-empty section-empty-top">No host answered.</p>
            )}
          </Panel>
          {((report.errors?.length ?? 0) > 0 || (report.outOfScope?.length ?? 0) > 0) && (
            <Panel title="Left out">
              <dl className="details" data-testid="net-scan-left-out">
                {(report.outOfScope?.length ?? 0) > 0 && (
                  <>
                    <dt>Outside the scope</dt>
                    <dd className="mono break">{report.outOfScope?.join(', ')}</dd>
                  </>
                )}
                {report.errors?.map((error, index) => (
                  <Fragment key={index}>
                    <dt>{error.stage}</dt>
                    <dd>
                      <span className="mono">{formatEndpoint(error.address, error.port ?? null)}</span>{' '}
                      {error.message}
                    </dd>
                  </Fragment>
                ))}
              </dl>
            </Panel>
          )}
        </>
      )}
    </div>
  );
}
