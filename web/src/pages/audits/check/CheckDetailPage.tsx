import { useCallback, useState, type ReactNode } from 'react';
import type { AuditWaiver } from '../../../../../src/protocol/audits-api.ts';
import { auditOverview, getAuditCheck, getAuditHost } from '../../../api/audits.ts';
import { href } from '../../../app/router.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { formatDateTime } from '../../../format/time.ts';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { SeverityBadge } from '../../alerts/SeverityBadge.tsx';
import { ResultBadge, WaivedBadge } from '../AuditBadges.tsx';
import { formatScore } from '../auditLabels.ts';
import { auditsPath, hostAuditPath } from '../auditPaths.ts';
import { useAuditPermissions } from '../auditPermissions.ts';
import { describeScope, scopePhrase } from '../waivers/waiverScope.ts';
import { WaiverForm, type WaivedCheck } from '../waivers/WaiverForm.tsx';
import { CheckHistory } from './CheckHistory.tsx';
import { ComplianceTags, MitreTags } from './ComplianceTags.tsx';
import { RuleEvidence } from './RuleEvidence.tsx';

const conditions: Record<string, string> = {
  all: 'Passes when every rule holds.',
  any: 'Passes when at least one rule holds.',
  none: 'Passes when no rule holds.',
};

interface CheckDetailPageProps {
  agentId: string;
  policyId: string;
  checkId: number;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function TextBlock({ title, text, testId }: { title: string; text: string; testId: string }) {
  if (text.trim() === '') return null;
  return (
    <section className="check-text" aria-label={title} data-testid={testId}>
      <h3 className="check-text-title">{title}</h3>
      <p>{text}</p>
    </section>
  );
}

const loadOverview = auditOverview;

/** Waives the check from its page: for this host at first, or wider. */
function WaiveDialog({
  agentId,
  check,
  onClose,
  onCreated,
}: {
  agentId: string;
  check: WaivedCheck;
  onClose: () => void;
  onCreated: (waiver: AuditWaiver, hosts: { agentId: string; hostname: string; group: string }[]) => void;
}) {
  const overview = useResource(loadOverview);
  const hosts = overview.data?.hosts;
  return (
    <Dialog title="Waive this check" onClose={onClose}>
      <ErrorAlert error={overview.error} />
      {hosts === undefined ? (
        overview.loading && <Loading />
      ) : (
        <WaiverForm
          hosts={hosts}
          check={check}
          initialScope={`agent:${agentId}`}
          onCancel={onClose}
          onCreated={(waiver) => {
            onCreated(waiver, hosts);
            onClose();
          }}
        />
      )}
    </Dialog>
  );
}

/**
 * One check on one host: what it verifies and why, how to fix it, the frameworks it maps to,
 * each rule with the evidence of the latest run, and its result run by run.
 */
export function CheckDetailPage({ agentId, policyId, checkId }: CheckDetailPageProps) {
  const loadCheck = useCallback(
    () => getAuditCheck(agentId, policyId, checkId),
    [agentId, policyId, checkId],
  );
  const loadHost = useCallback(() => getAuditHost(agentId), [agentId]);
  const detail = useResource(loadCheck);
  const host = useResource(loadHost);
  const { canWrite } = useAuditPermissions();
  const [waiving, setWaiving] = useState(false);
  const [waived, setWaived] = useState<string>();
  const check = detail.data?.check;
  useDocumentTitle(check?.name);

  if (detail.data === undefined || check === undefined) {
    return (
      <div className="page">
        {detail.error?.status === 404 ? (
          <EmptyState icon="audits" title="No such check">
            This host has no result for check <code>{checkId}</code> of policy <code>{policyId}</code>.{' '}
            <a href={href(hostAuditPath(agentId))}>Back to the host’s audit</a>.
          </EmptyState>
        ) : (
          <>
            <ErrorAlert error={detail.error} />
            {detail.loading && <Loading />}
          </>
        )}
      </div>
    );
  }

  const { history, waivers } = detail.data;
  const latest = [...history].sort((a, b) => b.runAt.localeCompare(a.runAt))[0];
  const hostData = host.data;
  const policy = hostData?.policies.find((candidate) => candidate.id === policyId);
  const hostname = hostData?.hostname ?? agentId;
  const isWaived = waivers.length > 0;

  return (
    <div className="page">
      <nav className="back-link" aria-label="Breadcrumb">
        <a href={href(auditsPath)}>Audits</a>
        <span aria-hidden="true"> / </span>
        <a href={href(hostAuditPath(agentId))}>{hostname}</a>
        <span aria-hidden="true"> / </span>
        <span className="muted">{policy?.name ?? policyId}</span>
      </nav>
      <section className="panel" aria-labelledby="check-title" data-testid="check-summary">
        <header className={`alert-header severity-${check.severity}`}>
          <span className="alert-header-icon">
            <Icon name="audits" />
          </span>
          <div className="alert-header-title">
            <h2 id="check-title" className="alert-title">
              {check.name}
            </h2>
            <span className="cell-sub">
              check {check.id} · {policyId}
            </span>
          </div>
          <SeverityBadge severity={check.severity} />
          {latest !== undefined && <ResultBadge result={latest.result} />}
          {isWaived && <WaivedBadge />}
          {canWrite && !isWaived && (
            <div className="alert-actions">
              <button type="button" className="btn btn-sm" onClick={() => setWaiving(true)}>
                Waive…
              </button>
            </div>
          )}
        </header>
        <dl className="facts">
          <Fact label="Host">
            <a href={href(hostAuditPath(agentId))}>{hostname}</a>
          </Fact>
          <Fact label="Host score">
            <span data-testid="check-host-score">{formatScore(hostData?.score ?? null)}</span>
          </Fact>
          <Fact label="Last run">
            <Timestamp value={latest?.runAt ?? null} relative fallback="Never" />
          </Fact>
          <Fact label="Condition">{conditions[check.condition] ?? check.condition}</Fact>
          <Fact label="Compliance">
            <ComplianceTags compliance={check.compliance} />
          </Fact>
          <Fact label="MITRE ATT&CK">
            <MitreTags mitre={check.mitre} />
          </Fact>
        </dl>
        {latest?.reason !== undefined && latest.reason !== null && latest.reason !== '' && (
          <p className="check-reason-line" data-testid="check-reason">
            {latest.reason}
          </p>
        )}
        <div className="check-texts">
          <TextBlock title="Description" text={check.description} testId="check-description" />
          <TextBlock title="Rationale" text={check.rationale} testId="check-rationale" />
          <TextBlock title="Impact" text={check.impact} testId="check-impact" />
          <TextBlock title="Remediation" text={check.remediation} testId="check-remediation" />
        </div>
        {check.references.length > 0 && (
          <div className="check-references">
            <h3 className="check-text-title">References</h3>
            <ul>
              {check.references.map((reference) => (
                <li key={reference}>
                  {/^https?:\/\//.test(reference) ? (
                    <a href={reference} target="_blank" rel="noreferrer">
                      {reference}
                    </a>
                  ) : (
                    reference
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      {waived !== undefined && (
        <Notice>
          <p data-testid="waived-notice">{waived}</p>
        </Notice>
      )}
      {isWaived && (
        <Panel title="Waived on this host" flush>
          <ul className="waiver-list" data-testid="check-waivers">
            {waivers.map((waiver) => (
              <li key={waiver.id} className="waiver-item">
                <p className="waiver-justification-text">{waiver.justification}</p>
                <p className="muted">
                  {describeScope(waiver.scope, hostData === undefined ? [] : [hostData])} · owner{' '}
                  {waiver.owner} · expires <Timestamp value={waiver.expiresAt} fallback="never" /> · granted
                  by {waiver.createdBy} <Timestamp value={waiver.createdAt} relative />
                </p>
              </li>
            ))}
          </ul>
        </Panel>
      )}
      <Panel
        title="Rules and evidence"
        flush
        actions={
          latest === undefined ? undefined : (
            <span className="toolbar-count">
              Latest run, <Timestamp value={latest.runAt} />
            </span>
          )
        }
      >
        {latest === undefined ? (
          <p className="section-empty section-empty-top">The check has not run on this host yet.</p>
        ) : (
          <RuleEvidence rules={latest.rules} />
        )}
      </Panel>
      <Panel title="History" flush>
        {history.length === 0 ? (
          <p className="section-empty section-empty-top">No results yet.</p>
        ) : (
          <CheckHistory history={history} />
        )}
      </Panel>
      {waiving && (
        <WaiveDialog
          agentId={agentId}
          check={{ policyId, policyName: policy?.name ?? policyId, checkId, checkName: check.name }}
          onClose={() => setWaiving(false)}
          onCreated={(waiver, hosts) => {
            setWaived(
              `Waived for ${scopePhrase(waiver.scope, hosts)}${waiver.expiresAt === null ? '' : ` until ${formatDateTime(waiver.expiresAt)}`}: the check no longer counts against the score.`,
            );
            host.reload();
            detail.reload();
          }}
        />
      )}
    </div>
  );
}
