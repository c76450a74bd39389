import type { VulnFinding } from '../../../../src/protocol/vuln-api.ts';
import { href } from '../../app/router.ts';
import { Badge } from '../../components/Badge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { SeverityBadge } from '../alerts/SeverityBadge.tsx';
import { EpssCell, FixStateCell, KevBadge, RiskCell } from './VulnBadges.tsx';
import { formatCvss, formatDate, hasFix } from './vulnLabels.ts';
import { findingPath } from './vulnPaths.ts';

/** Beyond this many the rest of the aliases wait on the finding's own page. */
const aliasesShown = 3;

/** Other names of the vulnerability: its aliases and the advisories that name it, without the id itself. */
function otherNames(finding: VulnFinding): string[] {
  const { id, aliases, advisories } = finding.vulnerability;
  return [...new Set([...aliases, ...advisories])].filter((name) => name !== id);
}

/** Only open findings with a fixed version can go into a patch plan. */
export const canPlan = (finding: VulnFinding) => finding.status === 'open' && hasFix(finding.fixState);

export function VersionChange({ finding }: { finding: Pick<VulnFinding, 'package' | 'fixedVersion'> }) {
  return (
    <span className="version-change mono">
      {finding.package.version}
      {finding.fixedVersion !== null && (
        <>
          <span className="version-arrow" aria-label="fixed in">
            {' → '}
          </span>
          <span className="version-fixed">{finding.fixedVersion}</span>
        </>
      )}
    </span>
  );
}

export function DueCell({ finding }: { finding: VulnFinding }) {
  if (finding.status === 'resolved')
    return (
      <span className="muted">
        resolved <Timestamp value={finding.resolvedAt} relative />
      </span>
    );
  if (finding.dueAt === null) return <span className="muted">—</span>;
  return (
    <span className={finding.overdue ? 'due due-overdue' : 'due'} data-testid="due">
      {formatDate(finding.dueAt)}
      {finding.overdue && <Badge tone="danger">Overdue</Badge>}
    </span>
  );
}

interface FindingsTableProps {
  findings: readonly VulnFinding[];
  /** Ids chosen for a patch plan; no checkboxes when undefined (the reader may not plan). */
  selected: ReadonlySet<string> | undefined;
  onSelect: (ids: readonly string[], on: boolean) => void;
  /** The list filtered to one host, for the host cell's link. */
  hostHref: (agentId: string) => string;
}

/** Open findings, riskiest first (or as sorted): one row per vulnerability in one package on one host. */
export function FindingsTable({ findings, selected, onSelect, hostHref }: FindingsTableProps) {
  const plannable = findings.filter(canPlan).map((finding) => finding.id);
  const allChosen = plannable.length > 0 && plannable.every((id) => selected?.has(id) === true);
  return (
    <div className="table-scroll">
      <table className="table table-dense vuln-table" data-testid="vuln-findings">
        <thead>
          <tr>
            {selected !== undefined && (
              <th scope="col" className="select-cell">
                <input
                  type="checkbox"
                  aria-label="Choose every finding on this page that has a fix"
                  disabled={plannable.length === 0}
                  checked={allChosen}
                  onChange={(event) => onSelect(plannable, event.target.checked)}
                />
              </th>
            )}
            {['Risk', 'Vulnerability', 'Severity', 'EPSS', 'KEV', 'Host', 'Package', 'Fix', 'Due'].map(
              (column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => {
            const names = otherNames(finding);
            const host = finding.hostname ?? finding.agentId;
            const { package: pkg } = finding;
            return (
              <tr
                key={finding.id}
                data-testid="vuln-finding-row"
                className={`severity-${finding.severity}${finding.overdue ? ' vuln-overdue' : ''}`}
              >
                {selected !== undefined && (
                  <td className="select-cell">
                    <input
                      type="checkbox"
                      aria-label={`Choose ${finding.vulnerability.id} on ${host} for a patch plan`}
                      title={canPlan(finding) ? undefined : 'No fixed version to upgrade to'}
                      disabled={!canPlan(finding)}
                      checked={selected.has(finding.id)}
                      onChange={(event) => onSelect([finding.id], event.target.checked)}
                    />
                  </td>
                )}
                <td>
                  <RiskCell risk={finding.risk} />
                </td>
                <td className="vuln-name-cell">
                  <a className="cell-link mono" href={href(findingPath(finding.id))} data-testid="vuln-id">
                    {finding.vulnerability.id}
                  </a>
                  {names.length > 0 && (
                    <span className="cell-sub" data-testid="vuln-aliases">
                      {names.slice(0, aliasesShown).join(', ')}
                      {names.length > aliasesShown && ` +${names.length - aliasesShown}`}
                    </span>
                  )}
                  {finding.vulnerability.title !== '' && (
                    <span className="vuln-title" title={finding.vulnerability.title}>
                      {finding.vulnerability.title}
                    </span>
                  )}
                </td>
                <td className="nowrap">
                  <SeverityBadge severity={finding.severity} />
                  {finding.cvss !== null && (
                    <span className="cell-note" title={finding.cvss.vector}>
                      CVSS {finding.cvss.version} <strong>{formatCvss(finding.cvss.baseScore)}</strong>
                    </span>
                  )}
                </td>
                <td className="nowrap">
                  <EpssCell epss={finding.epss} />
                </td>
                <td className="nowrap">
                  {finding.kev === null ? <span className="muted">—</span> : <KevBadge kev={finding.kev} />}
                </td>
                <td>
                  <a className="cell-link" href={href(hostHref(finding.agentId))} title="Only this host">
                    {host}
                  </a>
                </td>
                <td className="vuln-package-cell">
                  <span className="mono package-name">{pkg.name}</span>
                  {pkg.source !== pkg.name && <span className="cell-note">source {pkg.source}</span>}
                  <VersionChange finding={finding} />
                </td>
                <td>
                  <FixStateCell finding={finding} />
                </td>
                <td className="nowrap">
                  <DueCell finding={finding} />
                  {/* Beside the due date rather than in a column of its own: the table must fit a laptop screen. */}
                  <span className="cell-note">
                    first seen <Timestamp value={finding.firstSeenAt} relative />
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
