import { useCallback } from 'react';
import { getNetHost } from '../../../api/netscans.ts';
import { href } from '../../../app/router.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { formatCount } from '../../vulnerabilities/vulnLabels.ts';
import { ExposureTable } from './ExposureTable.tsx';
import { HostReports } from './HostReports.tsx';
import { exposurePath, scanPath } from './netscanPaths.ts';
import { NetFindingsTable } from './NetFindingsTable.tsx';

const historyColumns = ['Scan', 'Group', 'State', 'Open ports', 'Findings'];

/** `#/network/exposure/<address>`: one address across all scans — its services, audits, findings and history. */
export function NetHostPage({ address }: { address: string }) {
  const load = useCallback(() => getNetHost(address), [address]);
  const host = useResource(load);
  const data = host.data;
  useDocumentTitle(address);

  if (data === undefined)
    return (
      <div className="page">
        {host.error?.status === 404 ? (
          <EmptyState icon="network" title="Never scanned">
            No scan has covered <code>{address}</code>. <a href={href(exposurePath)}>Back to the inventory</a>
            .
          </EmptyState>
        ) : (
          <>
            <ErrorAlert error={host.error} />
            {host.loading && <Loading />}
          </>
        )}
      </div>
    );

  const open = data.services.filter((service) => service.open).length;
  const openFindings = data.findings.filter((finding) => finding.status === 'open').length;
  const latest = data.history[0];
  return (
    <div className="page">
      <nav className="back-link" aria-label="Breadcrumb">
        <a href={href(exposurePath)}>Exposure</a>
        <span aria-hidden="true"> / </span>
        <span className="muted">{address}</span>
      </nav>
      <header className="host-summary-header net-host-header" data-testid="net-host-summary">
        <div className="host-summary-title">
          <h2 className="host-name mono">{data.address}</h2>
          {data.names.length > 0 && <span className="muted">{data.names.join(', ')}</span>}
        </div>
        <span className="muted">
          {formatCount(open)} open {open === 1 ? 'service' : 'services'}, {formatCount(openFindings)} open{' '}
          {openFindings === 1 ? 'finding' : 'findings'}
        </span>
      </header>
      <Panel title="Services" flush>
        {data.services.length === 0 ? (
          <p className="section-empty section-empty-top">No open port was ever found on this address.</p>
        ) : (
          <ExposureTable endpoints={data.services} showAddress={false} />
        )}
      </Panel>
      {latest !== undefined && <HostReports address={data.address} scanId={latest.scanId} />}
      <Panel title="Findings" flush>
        {data.findings.length === 0 ? (
          <p className="section-empty section-empty-top">No scan found anything wrong here.</p>
        ) : (
          <NetFindingsTable findings={data.findings} />
        )}
      </Panel>
      <Panel title="History" flush>
        {data.history.length === 0 ? (
          <p className="section-empty section-empty-top">No finished scan covered this address.</p>
        ) : (
          <div className="table-scroll">
            <table className="table table-dense" data-testid="net-host-history">
              <TableHead columns={historyColumns} />
              <tbody>
                {data.history.map((entry) => (
                  <tr key={entry.scanId} data-testid="net-history-row">
                    <td className="nowrap">
                      <a href={href(scanPath(entry.scanId))}>
                        <Timestamp value={entry.finishedAt} />
                      </a>
                    </td>
                    <td>{entry.group ?? <span className="muted">ad hoc</span>}</td>
                    <td>{entry.up ? 'up' : <span className="muted">down</span>}</td>
                    <td className="mono break">
                      {entry.openPorts.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        entry.openPorts.join(', ')
                      )}
                    </td>
                    <td className="num">{formatCount(entry.findings)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
