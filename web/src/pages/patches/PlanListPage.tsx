import { listPatchPlans } from '../../api/patchPlans.ts';
import { href, navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { vulnerabilitiesPath } from '../vulnerabilities/vulnPaths.ts';
import { PlanStatusBadge } from './PatchBadges.tsx';
import { newPlanPath, planPath } from './patchPaths.ts';
import { PlanWindow } from './PlanWindow.tsx';

const columns = ['Plan', 'Status', 'Hosts', 'Patched', 'Failed', 'Packages', 'Findings', 'Window', 'Created'];
const count = new Intl.NumberFormat();

/** Every patch plan, newest first as the server lists them. */
export function PlanListPage() {
  const plans = useResource(listPatchPlans);
  const { can } = useSession();
  const list = plans.data?.plans;

  const actions = (
    <>
      {can('patches:write') && (
        <button type="button" className="btn btn-sm btn-primary" onClick={() => navigate(newPlanPath)}>
          New plan
        </button>
      )}
      <button type="button" className="btn btn-sm" onClick={plans.reload}>
        Refresh
      </button>
    </>
  );

  return (
    <div className="page">
      <p className="page-lead">
        A patch plan upgrades the packages that fix chosen findings to exact versions. Each host simulates the
        upgrade first; someone other than the author approves; then canary hosts are patched and verified
        before the rest, and the rollout stops once too many hosts fail.
      </p>
      <ErrorAlert error={plans.error} />
      <Panel title="Patch plans" flush actions={actions}>
        {list === undefined ? (
          plans.loading && <Loading />
        ) : list.length === 0 ? (
          <EmptyState icon="shieldCheck" title="No patch plans yet">
            Choose findings with a fix on the <a href={href(vulnerabilitiesPath)}>Vulnerabilities</a> page and
            press Plan patches, or start a new plan here.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="patch-plans">
              <TableHead columns={columns} />
              <tbody>
                {list.map((plan) => (
                  <tr key={plan.id} data-testid="patch-plan-row">
                    <td>
                      <a className="cell-link" href={href(planPath(plan.id))}>
                        {plan.name}
                      </a>
                      {plan.message !== null && <span className="cell-note">{plan.message}</span>}
                    </td>
                    <td>
                      <PlanStatusBadge status={plan.status} />
                    </td>
                    <td className="num">{count.format(plan.hosts)}</td>
                    <td className="num">{count.format(plan.succeeded)}</td>
                    <td className={plan.failed > 0 ? 'num danger-text' : 'num'}>
                      {count.format(plan.failed)}
                    </td>
                    <td className="num">{count.format(plan.packages)}</td>
                    <td className="num">{count.format(plan.findings)}</td>
                    <td>
                      <PlanWindow window={plan.window} />
                    </td>
                    <td className="nowrap">
                      <Timestamp value={plan.createdAt} relative />
                      <span className="cell-note">by {plan.createdBy}</span>
                    </td>
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
