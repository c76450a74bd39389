import { useCallback, useEffect, useState } from 'react';
import { getPatchPlan, type PatchPlanAction } from '../../api/patchPlans.ts';
import { href } from '../../app/router.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Fact } from '../../components/Fact.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useResource } from '../../hooks/useResource.ts';
import { PlanStatusBadge } from './PatchBadges.tsx';
import { planActive } from './patchLabels.ts';
import { patchesPath } from './patchPaths.ts';
import { PlanActions } from './PlanActions.tsx';
import { PlanHostsTable } from './PlanHostsTable.tsx';
import { PlanWindow } from './PlanWindow.tsx';
import { RolloutProgress } from './RolloutProgress.tsx';

/** How often the page re-reads a plan that agents are working on, and how long it waits for a simulation. */
const pollMs = 2000;
const simulationWaitMs = 120_000;

const notices: Record<PatchPlanAction, string> = {
  simulate: 'Simulation queued: each host reports the packages the upgrade would change.',
  approve: 'Approved: the plan can be started.',
  start: 'Rollout started.',
  cancel: 'Plan cancelled.',
};

/**
 * One plan: its state, the rollout's progress canary-first, and each host's packages, simulation
 * and output. The page re-reads the plan every 2 s while it runs or while a simulation is out.
 */
export function PlanDetailPage({ id }: { id: string }) {
  const load = useCallback(() => getPatchPlan(id), [id]);
  const plan = useResource(load);
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const [simulatedAt, setSimulatedAt] = useState<number>();
  const data = plan.data;
  useDocumentTitle(data?.name);

  const { loading, reload } = plan;
  const simulating =
    simulatedAt !== undefined &&
    Date.now() - simulatedAt < simulationWaitMs &&
    data?.hosts.some((host) => host.status === 'pending') === true;
  const polling = data !== undefined && (planActive(data.status) || simulating);
  useEffect(() => {
    if (!polling || loading) return;
    const timer = setTimeout(reload, pollMs);
    return () => clearTimeout(timer);
  }, [polling, loading, reload]);

  if (data === undefined)
    return (
      <div className="page">
        {plan.error?.status === 404 ? (
          <EmptyState icon="shieldCheck" title="No such patch plan">
            There is no patch plan with the id <code>{id}</code>.{' '}
            <a href={href(patchesPath)}>Back to the plans</a>.
          </EmptyState>
        ) : (
          <>
            <ErrorAlert error={plan.error} />
            {plan.loading && <Loading />}
          </>
        )}
      </div>
    );

  const packages = new Set(data.hosts.flatMap((host) => host.packages.map((pkg) => pkg.name))).size;
  const findings = data.hosts.reduce((sum, host) => sum + host.findingIds.length, 0);

  return (
    <div className="page">
      <nav className="back-link" aria-label="Breadcrumb">
        <a href={href(patchesPath)}>Patches</a>
        <span aria-hidden="true"> / </span>
        <span className="muted">{data.name}</span>
      </nav>
      <section className="panel" aria-labelledby="plan-title" data-testid="plan-summary">
        <header className="alert-header">
          <span className="alert-header-icon plan-icon">
            <Icon name="shieldCheck" />
          </span>
          <div className="alert-header-title">
            <h2 id="plan-title" className="alert-title">
              {data.name}
            </h2>
            <span className="cell-sub">
              {data.hosts.length === 1 ? '1 host' : `${data.hosts.length} hosts`} · {packages}{' '}
              {packages === 1 ? 'package' : 'packages'} · {findings} {findings === 1 ? 'finding' : 'findings'}
            </span>
          </div>
          <PlanStatusBadge status={data.status} />
          {polling && (
            <span className="plan-polling muted" role="status">
              <span className="spinner" aria-hidden="true" /> Updating
            </span>
          )}
          <div className="alert-actions">
            <PlanActions
              plan={data}
              onDone={(updated, action) => {
                setActionError(undefined);
                setNotice(notices[action]);
                if (action === 'simulate') setSimulatedAt(Date.now());
                plan.update(() => updated);
              }}
              onError={(error) => {
                setNotice(undefined);
                setActionError(error);
              }}
            />
          </div>
        </header>
        {data.message !== null && (
          <p className="check-reason-line" data-testid="plan-message">
            {data.message}
          </p>
        )}
        <dl className="facts">
          <Fact label="Created">
            <Timestamp value={data.createdAt} /> <span className="muted">by {data.createdBy}</span>
          </Fact>
          <Fact label="Approved">
            {data.approvedAt === null ? (
              <span className="muted">Not yet</span>
            ) : (
              <>
                <Timestamp value={data.approvedAt} /> <span className="muted">by {data.approvedBy}</span>
              </>
            )}
          </Fact>
          <Fact label="Maintenance window">
            <PlanWindow window={data.window} />
          </Fact>
          <Fact label="Stops after">
            {data.failureThreshold === 1 ? '1 failed host' : `${data.failureThreshold} failed hosts`}
          </Fact>
          <Fact label="Updated">
            <Timestamp value={data.updatedAt} relative />
          </Fact>
        </dl>
      </section>
      {notice !== undefined && <Notice>{notice}</Notice>}
      <ErrorAlert error={actionError ?? plan.error} />
      <Panel title="Rollout">
        <RolloutProgress plan={data} />
      </Panel>
      <Panel title="Hosts" flush>
        {data.hosts.length === 0 ? (
          <p className="section-empty section-empty-top">
            No host has a package to upgrade for the chosen findings.
          </p>
        ) : (
          <PlanHostsTable hosts={data.hosts} />
        )}
      </Panel>
    </div>
  );
}
