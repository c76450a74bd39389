import { Fragment, useState } from 'react';
import type { NetFindingRecord, NetFindingStatus } from '../../../../../src/protocol/netscan-api.ts';
import type { NetFinding } from '../../../../../src/protocol/netscan.ts';
import { href } from '../../../app/router.ts';
import { ShowAllFooter } from '../../../components/ShowAllFooter.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useCappedList } from '../../../hooks/useCappedList.ts';
import { SeverityBadge } from '../../alerts/SeverityBadge.tsx';
import { NetFindingActions } from './NetFindingActions.tsx';
import { NetFindingStatusBadge } from './NetFindingStatusBadge.tsx';
import { formatEndpoint } from './netscanLabels.ts';
import { netHostPath, scanPath } from './netscanPaths.ts';

/** A finding as one scan reported it, or as the server keeps it across scans (with an id and a lifecycle). */
type Row = Pick<NetFinding, 'check' | 'title' | 'severity' | 'address' | 'evidence' | 'remediation'> & {
  port?: number | null | undefined;
  transport?: NetFinding['transport'] | null;
  tags?: string[] | undefined;
} & Partial<
    Pick<
      NetFindingRecord,
      | 'id'
      | 'group'
      | 'status'
      | 'firstSeenAt'
      | 'lastSeenAt'
      | 'resolvedAt'
      | 'reopened'
      | 'firstScanId'
      | 'lastScanId'
    >
  >;

const rowKey = (row: Row) => row.id ?? `${row.check}|${row.address}|${row.port ?? ''}|${row.transport ?? ''}`;

/** Everything known of one finding: what was seen, how to fix it, and its history across scans. */
function FindingDetail({ finding }: { finding: Row }) {
  return (
    <dl className="details net-finding-detail" data-testid="net-finding-detail">
      <dt>Evidence</dt>
      <dd className="net-evidence-full" data-testid="net-finding-evidence">
        {finding.evidence}
      </dd>
      <dt>Remediation</dt>
      <dd data-testid="net-finding-remediation">{finding.remediation}</dd>
      <dt>Check</dt>
      <dd className="mono">{finding.check}</dd>
      {finding.tags !== undefined && finding.tags.length > 0 && (
        <>
          <dt>Tags</dt>
          <dd className="chips">
            {finding.tags.map((tag) => (
              <span key={tag} className="chip">
                {tag}
              </span>
            ))}
          </dd>
        </>
      )}
      {finding.firstSeenAt !== undefined && (
        <>
          <dt>Seen</dt>
          <dd>
            first <Timestamp value={finding.firstSeenAt} />
            {finding.firstScanId !== undefined && (
              <>
                {' '}
                (<a href={href(scanPath(finding.firstScanId))}>scan</a>)
              </>
            )}
            , last <Timestamp value={finding.lastSeenAt ?? null} />
            {finding.lastScanId !== undefined && (
              <>
                {' '}
                (<a href={href(scanPath(finding.lastScanId))}>scan</a>)
              </>
            )}
            {finding.resolvedAt != null && (
              <>
                , resolved <Timestamp value={finding.resolvedAt} />
              </>
            )}
            {(finding.reopened ?? 0) > 0 && `, came back ${finding.reopened} times`}
          </dd>
        </>
      )}
    </dl>
  );
}

interface NetFindingsTableProps {
  findings: readonly Row[];
  /** Given to those who may acknowledge, resolve and reopen findings: each kept finding gets the buttons. */
  onStatus?: ((id: string, status: NetFindingStatus) => void) | undefined;
  /** While a change is being sent; its buttons are disabled. */
  busy?: boolean;
}

/**
 * Worst first; each finding names its check, its endpoint (to that host's page) and what was seen.
 * Its title opens the evidence and remediation in place.
 */
export function NetFindingsTable({ findings, onStatus, busy = false }: NetFindingsTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const capped = useCappedList(findings);
  const lifecycle = findings.some((finding) => finding.status !== undefined);
  const columns = ['Severity', 'Finding', 'Endpoint', 'Evidence', ...(lifecycle ? ['Status'] : [])];
  const toggle = (key: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <>
      <div className="table-scroll">
        <table className="table table-dense net-findings-table" data-testid="net-findings">
          <TableHead columns={columns} />
          <tbody>
            {capped.visible.map((finding) => {
              const key = rowKey(finding);
              const { id } = finding;
              const expanded = open.has(key);
              return (
                <Fragment key={key}>
                  <tr data-testid="net-finding-row" className={`severity-${finding.severity}`}>
                    <td className="nowrap">
                      <SeverityBadge severity={finding.severity} />
                    </td>
                    <td className="net-finding-name">
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={expanded}
                        onClick={() => toggle(key)}
                      >
                        {finding.title}
                      </button>
                      <span className="cell-note mono" data-testid="net-finding-check">
                        {finding.check}
                      </span>
                    </td>
                    <td className="nowrap">
                      <a className="mono" href={href(netHostPath(finding.address))}>
                        {formatEndpoint(finding.address, finding.port ?? null, finding.transport)}
                      </a>
                      {finding.group != null && <span className="cell-note">group {finding.group}</span>}
                    </td>
                    <td className="net-evidence" title={finding.evidence}>
                      {finding.evidence}
                    </td>
                    {lifecycle && (
                      <td className="nowrap">
                        {finding.status !== undefined && <NetFindingStatusBadge status={finding.status} />}
                        {finding.lastSeenAt !== undefined && (
                          <span className="cell-note">
                            seen <Timestamp value={finding.lastSeenAt} relative />
                          </span>
                        )}
                        {onStatus !== undefined && id !== undefined && finding.status !== undefined && (
                          <NetFindingActions
                            status={finding.status}
                            busy={busy}
                            onStatus={(status) => onStatus(id, status)}
                          />
                        )}
                      </td>
                    )}
                  </tr>
                  {expanded && (
                    <tr className={`net-finding-detail-row severity-${finding.severity}`}>
                      <td colSpan={columns.length}>
                        <FindingDetail finding={finding} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <ShowAllFooter
        shown={capped.visible.length}
        hidden={capped.hidden}
        noun="findings"
        onShowAll={capped.showAll}
      />
    </>
  );
}
