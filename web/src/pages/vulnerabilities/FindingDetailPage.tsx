import { useCallback } from 'react';
import { getFinding } from '../../api/vulnerabilities.ts';
import { href, navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.ts';
import { Badge } from '../../components/Badge.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Fact } from '../../components/Fact.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useResource } from '../../hooks/useResource.ts';
import { SeverityBadge } from '../alerts/SeverityBadge.tsx';
import { hostPath } from '../hosts/hostPaths.ts';
import { newPlanHref } from '../patches/patchPaths.ts';
import { canPlan, DueCell, VersionChange } from './FindingsTable.tsx';
import { EpssCell, FixStateCell, KevBadge, RiskCell } from './VulnBadges.tsx';
import { fixStateLabels, fixStateNotes, formatCvss, formatDate, hasFix, isWebAddress } from './vulnLabels.ts';
import { vulnerabilitiesPath } from './vulnPaths.ts';

const dash = <span className="muted">—</span>;
const nameList = (names: readonly string[]) =>
  names.length === 0 ? dash : <span className="mono">{names.join(', ')}</span>;

/** One finding: the vulnerability, the package and its fix, how it was prioritised, and its references. */
export function FindingDetailPage({ id }: { id: string }) {
  const load = useCallback(() => getFinding(id), [id]);
  const finding = useResource(load);
  const { can } = useSession();
  const data = finding.data;
  useDocumentTitle(
    data === undefined ? undefined : `${data.vulnerability.id} on ${data.hostname ?? data.agentId}`,
  );

  if (data === undefined)
    return (
      <div className="page">
        {finding.error?.status === 404 ? (
          <EmptyState icon="vulnerabilities" title="No such finding">
            There is no finding with the id <code>{id}</code>.{' '}
            <a href={href(vulnerabilitiesPath)}>Back to the vulnerabilities</a>.
          </EmptyState>
        ) : (
          <>
            <ErrorAlert error={finding.error} />
            {finding.loading && <Loading />}
          </>
        )}
      </div>
    );

  const { vulnerability, package: pkg, cvss, kev, epss } = data;
  const host = data.hostname ?? data.agentId;

  return (
    <div className="page">
      <nav className="back-link" aria-label="Breadcrumb">
        <a href={href(vulnerabilitiesPath)}>Vulnerabilities</a>
        <span aria-hidden="true"> / </span>
        <span className="muted">{host}</span>
      </nav>
      <section className="panel" aria-labelledby="finding-title" data-testid="finding-summary">
        <header className={`alert-header severity-${data.severity}`}>
          <span className="alert-header-icon">
            <Icon name="vulnerabilities" />
          </span>
          <div className="alert-header-title">
            <h2 id="finding-title" className="alert-title mono" data-testid="finding-id">
              {vulnerability.id}
            </h2>
            {vulnerability.title !== '' && <span className="finding-title">{vulnerability.title}</span>}
          </div>
          <SeverityBadge severity={data.severity} />
          {kev !== null && <Badge tone="danger">Known exploited</Badge>}
          <Badge tone={data.status === 'open' ? 'warning' : 'success'}>{data.status}</Badge>
          {can('patches:write') && canPlan(data) && (
            <div className="alert-actions">
              <button
                type="button"
                className="btn btn-sm btn-primary"
                onClick={() => navigate(newPlanHref([data.id]))}
              >
                Plan patch
              </button>
            </div>
          )}
        </header>
        <dl className="facts">
          <Fact label="Risk" testId="finding-risk">
            <RiskCell risk={data.risk} />
          </Fact>
          <Fact label="Host">
            <a href={href(hostPath(data.agentId))}>{host}</a>
          </Fact>
          <Fact label="Package" testId="finding-package">
            <span className="mono">{pkg.name}</span> <span className="muted">({pkg.manager})</span>
          </Fact>
          <Fact label="Installed → fixed" testId="finding-versions">
            <VersionChange finding={data} />
          </Fact>
          <Fact label="Source package">
            <span className="mono">
              {pkg.source} {pkg.sourceVersion}
            </span>
          </Fact>
          <Fact label="Matched in">
            <span className="mono">{pkg.ecosystem}</span>
          </Fact>
          <Fact label="Fix" testId="finding-fix">
            <FixStateCell finding={data} />
          </Fact>
          <Fact label="Due" testId="finding-due">
            <DueCell finding={data} />
          </Fact>
          <Fact label="First seen">
            <Timestamp value={data.firstSeenAt} />
          </Fact>
          <Fact label="Last seen">
            <Timestamp value={data.lastSeenAt} />
          </Fact>
          <Fact label="Resolved">
            <Timestamp value={data.resolvedAt} fallback="Not yet" />
          </Fact>
        </dl>
      </section>
      <div className="finding-grid">
        <Panel title="Fix">
          <p className="finding-fix-state" data-testid="finding-fix-state">
            <strong>{fixStateLabels[data.fixState]}.</strong> {fixStateNotes[data.fixState]}
          </p>
          {hasFix(data.fixState) && data.fixedVersion !== null && (
            <p>
              Upgrade <span className="mono">{pkg.source}</span> to{' '}
              <span className="mono">{data.fixedVersion}</span> or later.
            </p>
          )}
          {data.fixReason !== null && data.fixReason !== '' && (
            <p data-testid="finding-fix-reason">
              The tracker’s note: <q>{data.fixReason}</q>
            </p>
          )}
        </Panel>
        <Panel title="Prioritisation">
          <dl className="details" data-testid="finding-scores">
            <dt>CVSS</dt>
            <dd>
              {cvss === null ? (
                dash
              ) : (
                <>
                  <strong>{formatCvss(cvss.baseScore)}</strong> ({cvss.severity}), version {cvss.version}
                  <span className="cell-sub">{cvss.vector}</span>
                </>
              )}
            </dd>
            <dt>EPSS</dt>
            <dd>
              <EpssCell epss={epss} />
            </dd>
            <dt>KEV</dt>
            <dd data-testid="finding-kev">
              {kev === null ? (
                'Not in the catalog'
              ) : (
                <>
                  <KevBadge kev={kev} />
                  <span className="cell-note">added to the catalog {formatDate(kev.dateAdded)}</span>
                </>
              )}
            </dd>
            <dt>Severity</dt>
            <dd>
              <SeverityBadge severity={data.severity} />
            </dd>
          </dl>
        </Panel>
      </div>
      <Panel title="Advisories and references">
        <dl className="details">
          <dt>Advisories</dt>
          <dd data-testid="finding-advisories">{nameList(vulnerability.advisories)}</dd>
          <dt>Aliases</dt>
          <dd data-testid="finding-aliases">{nameList(vulnerability.aliases)}</dd>
          <dt>References</dt>
          <dd>
            {vulnerability.references.length === 0 ? (
              dash
            ) : (
              <ul className="reference-list" data-testid="finding-references">
                {vulnerability.references.map((reference) => (
                  <li key={reference}>
                    {isWebAddress(reference) ? (
                      <a href={reference} target="_blank" rel="noreferrer">
                        {reference}
                      </a>
                    ) : (
                      reference
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </Panel>
    </div>
  );
}
