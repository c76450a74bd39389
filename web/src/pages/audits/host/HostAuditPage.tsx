import { useCallback, useMemo, useState } from 'react';
import type { AuditHost } from '../../../../../src/protocol/audits-api.ts';
import type { Severity } from '../../../../../src/protocol/finding.ts';
import type { ScaResult } from '../../../../../src/protocol/sca.ts';
import { getAuditHost, hostReportUrl } from '../../../api/audits.ts';
import { href } from '../../../app/router.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { SeverityBadge } from '../../alerts/SeverityBadge.tsx';
import { severityLabels } from '../../alerts/alertLabels.ts';
import { ResultBadge, ScoreCell, WaivedBadge } from '../AuditBadges.tsx';
import { formatScore, resultLabels, results, scoreTone } from '../auditLabels.ts';
import { auditsPath, checkPath } from '../auditPaths.ts';
import { useAuditPermissions } from '../auditPermissions.ts';
import { ReportLinks } from '../ReportLinks.tsx';
import { RunNowButton } from '../RunNowButton.tsx';

type AuditHostPolicy = AuditHost['policies'][number];

const columns = ['ID', 'Check', 'Severity', 'Result', 'Reason'];
const count = new Intl.NumberFormat();
// Most severe first, as a filter lists them.
const severityOrder: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];

interface Filters {
  result: ScaResult | '';
  severity: Severity | '';
  waived: 'any' | 'hide' | 'only';
}

interface FilterSelectProps {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  onChange: (value: string) => void;
}

function FilterSelect({ id, label, value, options, onChange }: FilterSelectProps) {
  return (
    <div className="inline-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select select-sm"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

function PolicyResults({
  agentId,
  policy,
  filters,
}: {
  agentId: string;
  policy: AuditHostPolicy;
  filters: Filters;
}) {
  const shown = policy.results.filter(
    (check) =>
      (filters.result === '' || check.result === filters.result) &&
      (filters.severity === '' || check.severity === filters.severity) &&
      (filters.waived === 'any' || check.waived === (filters.waived === 'only')),
  );
  const { passed, failed, not_applicable: notApplicable, waived } = policy.counts;
  const actions = (
    <div className="policy-result-meta">
      <span className="toolbar-count" data-testid="policy-counts">
        {count.format(passed)} passed · {count.format(failed)} failed · {count.format(notApplicable)} not
        applicable{waived > 0 && ` · ${count.format(waived)} waived`} ·{' '}
        <Timestamp value={policy.runAt} relative />
      </span>
      <ScoreCell score={policy.score} />
    </div>
  );
  return (
    <Panel title={policy.name} flush actions={actions}>
      {!policy.applicable && (
        <p className="panel-toolbar muted" data-testid="policy-not-applicable">
          The policy’s requirements do not hold on this host, so none of its checks apply.
        </p>
      )}
      {shown.length === 0 ? (
        <p className="section-empty section-empty-top">No check of this policy matches the filters.</p>
      ) : (
        <div className="table-scroll">
          <table className="table table-dense check-table" data-testid="host-policy-checks">
            <TableHead columns={columns} />
            <tbody>
              {shown.map((check) => (
                <tr
                  key={check.checkId}
                  data-testid="host-check-row"
                  className={`severity-${check.severity} check-${check.result}${check.waived ? ' check-waived' : ''}`}
                >
                  <td className="mono">{check.checkId}</td>
                  <td className="check-name-cell">
                    <a className="cell-link" href={href(checkPath(agentId, policy.id, check.checkId))}>
                      {check.name}
                    </a>
                  </td>
                  <td>
                    <SeverityBadge severity={check.severity} />
                  </td>
                  <td>
                    <span className="result-cell">
                      <ResultBadge result={check.result} />
                      {check.waived && <WaivedBadge />}
                    </span>
                  </td>
                  <td className="check-reason">{check.reason ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

/** One host's audit: its score, each policy's checks with filters, links to each check and the reports. */
export function HostAuditPage({ agentId }: { agentId: string }) {
  const load = useCallback(() => getAuditHost(agentId), [agentId]);
  const host = useResource(load);
  const { canRun } = useAuditPermissions();
  const [filters, setFilters] = useState<Filters>({ result: '', severity: '', waived: 'any' });
  const [notice, setNotice] = useState<string>();
  const [runError, setRunError] = useState<unknown>();
  const data = host.data;
  useDocumentTitle(data === undefined ? undefined : `Audit of ${data.hostname}`);

  const totals = useMemo(() => {
    const all = data?.policies.flatMap((policy) => policy.results) ?? [];
    return {
      failed: all.filter((check) => check.result === 'failed' && !check.waived).length,
      waived: all.filter((check) => check.waived).length,
    };
  }, [data]);

  if (data === undefined) {
    return (
      <div className="page">
        {host.error?.status === 404 ? (
          <EmptyState icon="hosts" title="No audit for this host">
            No enrolled host with the id <code>{agentId}</code> has reported an audit.{' '}
            <a href={href(auditsPath)}>Back to the audits</a>.
          </EmptyState>
        ) : (
          <>
            <ErrorAlert error={host.error} />
            {host.loading && <Loading />}
          </>
        )}
      </div>
    );
  }

  const set = (change: Partial<Filters>) => setFilters({ ...filters, ...change });

  return (
    <div className="page">
      <section className="panel" aria-labelledby="audit-host-name" data-testid="audit-host-summary">
        <header className="host-summary-header">
          <span className={`audit-host-score score-${scoreTone(data.score)}`} data-testid="host-score">
            {formatScore(data.score)}
          </span>
          <div className="host-summary-title">
            <h2 id="audit-host-name" className="host-name">
              {data.hostname}
            </h2>
            <span className="cell-sub">
              group {data.group} · {count.format(totals.failed)} failed
              {totals.waived > 0 && ` · ${count.format(totals.waived)} waived`}
            </span>
          </div>
          <div className="host-summary-actions audit-host-actions">
            {canRun && (
              <RunNowButton
                target={{ agents: [agentId] }}
                label="Run now: this host"
                onQueued={(message) => {
                  setRunError(undefined);
                  setNotice(message);
                }}
                onError={setRunError}
              />
            )}
            <ReportLinks
              label="Host report"
              html={hostReportUrl(agentId, 'html')}
              pdf={hostReportUrl(agentId, 'pdf')}
            />
          </div>
        </header>
        <div className="panel-toolbar">
          <form
            className="toolbar-form"
            role="search"
            aria-label="Filter checks"
            onSubmit={(event) => event.preventDefault()}
          >
            <FilterSelect
              id="check-result"
              label="Result"
              value={filters.result}
              options={[
                ['', 'All results'],
                ...results.map((result) => [result, resultLabels[result]] as const),
              ]}
              onChange={(value) => set({ result: results.find((result) => result === value) ?? '' })}
            />
            <FilterSelect
              id="check-severity"
              label="Severity"
              value={filters.severity}
              options={[
                ['', 'All severities'],
                ...severityOrder.map((severity) => [severity, severityLabels[severity]] as const),
              ]}
              onChange={(value) =>
                set({ severity: severityOrder.find((severity) => severity === value) ?? '' })
              }
            />
            <FilterSelect
              id="check-waived"
              label="Waived"
              value={filters.waived}
              options={[
                ['any', 'Shown'],
                ['hide', 'Hidden'],
                ['only', 'Only waived'],
              ]}
              onChange={(value) => set({ waived: value === 'hide' || value === 'only' ? value : 'any' })}
            />
          </form>
        </div>
      </section>
      {notice !== undefined && <Notice>{notice}</Notice>}
      <ErrorAlert error={runError} />
      {data.policies.length === 0 ? (
        <EmptyState icon="audits" title="No results yet">
          This host has not reported an audit. It runs the approved policies assigned to group{' '}
          <span className="mono">{data.group}</span>; results appear here once it does.
        </EmptyState>
      ) : (
        data.policies.map((policy) => (
          <PolicyResults key={policy.id} agentId={agentId} policy={policy} filters={filters} />
        ))
      )}
    </div>
  );
}
