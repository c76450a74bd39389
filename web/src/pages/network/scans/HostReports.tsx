import { useCallback } from 'react';
import { getNetScan } from '../../../api/netscans.ts';
import { href } from '../../../app/router.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { formatEndpoint } from './netscanLabels.ts';
import { scanPath } from './netscanPaths.ts';
import { HttpSummary } from './HttpSummary.tsx';
import { SshSummary } from './SshSummary.tsx';
import { TlsSummary } from './TlsSummary.tsx';

/** The TLS, SSH and HTTP audits of one address, as the newest scan that covered it reported them. */
export function HostReports({ address, scanId }: { address: string; scanId: string }) {
  const load = useCallback(() => getNetScan(scanId), [scanId]);
  const scan = useResource(load);
  if (scan.data === undefined)
    return (
      <>
        <ErrorAlert error={scan.error} />
        {scan.loading && <Loading />}
      </>
    );
  const host = scan.data.report?.hosts.find((entry) => entry.address === address);
  const reports = [
    ...(host?.tls ?? []).map((report) => ({
      key: `tls-${report.port}`,
      title: `TLS on ${formatEndpoint(report.address, report.port)}`,
      body: <TlsSummary report={report} />,
    })),
    ...(host?.ssh ?? []).map((report) => ({
      key: `ssh-${report.port}`,
      title: `SSH on ${formatEndpoint(report.address, report.port)}`,
      body: <SshSummary report={report} />,
    })),
    ...(host?.http ?? []).map((report) => ({
      key: `http-${report.port}`,
      title: `${report.tls ? 'HTTPS' : 'HTTP'} on ${formatEndpoint(report.address, report.port)}`,
      body: <HttpSummary report={report} />,
    })),
  ];
  return (
    <>
      <p className="muted net-reports-source">
        Audits from the{' '}
        <a href={href(scanPath(scanId))}>
          scan <Timestamp value={scan.data.finishedAt} relative />
        </a>
        .
      </p>
      {reports.length === 0 ? (
        <p className="section-empty">No TLS, SSH or HTTP service answered on this address.</p>
      ) : (
        <div className="net-report-grid">
          {reports.map((report) => (
            <Panel key={report.key} title={report.title}>
              {report.body}
            </Panel>
          ))}
        </div>
      )}
    </>
  );
}
