import { useCallback, useState } from 'react';
import type { AuditPolicyDetail as PolicyDetail } from '../../../../../src/protocol/audits-api.ts';
import { approveAuditPolicy, deleteAuditPolicy, getAuditPolicy } from '../../../api/audits.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useSubmit } from '../../../hooks/useSubmit.ts';
import { SeverityBadge } from '../../alerts/SeverityBadge.tsx';
import { ApprovalBadge } from '../AuditBadges.tsx';
import { frameworkName } from '../auditLabels.ts';
import type { AuditPermissions } from '../auditPermissions.ts';
import { RunNowButton } from '../RunNowButton.tsx';
import { GroupsForm } from './GroupsForm.tsx';

const checkColumns = ['ID', 'Check', 'Severity', 'Compliance'];

interface AuditPolicyDetailProps {
  id: string;
  permissions: AuditPermissions;
  knownGroups: readonly string[];
  /** Approval, groups or deletion changed what the list shows. */
  onChanged: () => void;
  onEdit: (policy: PolicyDetail) => void;
  onDeleted: (id: string) => void;
  onNotice: (message: string) => void;
}

/** One policy: what it checks, who approved it, which groups run it, and its checks. */
export function AuditPolicyDetail({
  id,
  permissions,
  knownGroups,
  onChanged,
  onEdit,
  onDeleted,
  onNotice,
}: AuditPolicyDetailProps) {
  const load = useCallback(() => getAuditPolicy(id), [id]);
  const detail = useResource(load);
  const { busy, error, run } = useSubmit();
  const [runError, setRunError] = useState<unknown>();
  const [deleting, setDeleting] = useState(false);
  const data = detail.data;
  const { canWrite, canApprove, canRun } = permissions;

  if (data === undefined)
    return (
      <Panel title={`Policy ${id}`}>
        <ErrorAlert error={detail.error} />
        {detail.loading && <Loading />}
      </Panel>
    );

  const saved = (policy: PolicyDetail, message: string) => {
    detail.update(() => policy);
    onChanged();
    onNotice(message);
  };

  const actions = (
    <>
      {canApprove && !data.approved && (
        <button
          type="button"
          className="btn btn-sm btn-primary"
          disabled={busy}
          onClick={() =>
            void run(async () =>
              saved(
                await approveAuditPolicy(id, data.sha256),
                `Approved ${data.name}: its hosts run it from now on.`,
              ),
            )
          }
        >
          Approve
        </button>
      )}
      {canRun && data.approved && data.groups.length > 0 && (
        <RunNowButton
          target={{ policies: [id] }}
          label={`Run now: ${data.name}`}
          onQueued={onNotice}
          onError={setRunError}
        />
      )}
      {canWrite && data.origin === 'uploaded' && (
        <>
          <button type="button" className="btn btn-sm" onClick={() => onEdit(data)}>
            Edit
          </button>
          <button type="button" className="btn btn-sm btn-danger-quiet" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </>
      )}
    </>
  );

  return (
    <>
      <Panel title={`Policy ${data.name}`} flush actions={actions}>
        <div className="policy-summary" data-testid="audit-policy-detail">
          {data.description !== '' && <p>{data.description}</p>}
          <p className="muted">
            <span className="mono">{data.id}</span> · SCA {data.format} · {data.checks} checks ·{' '}
            {data.origin === 'builtin' ? 'built in' : `uploaded by ${data.uploadedBy ?? 'unknown'}`}
            {' · '}updated <Timestamp value={data.updatedAt} relative /> ·{' '}
            <span className="mono" title={`SHA-256 ${data.sha256}`}>
              {data.sha256.slice(0, 12)}
            </span>
          </p>
          <p className="policy-approval-line">
            <ApprovalBadge approved={data.approved} />
            {data.approved && data.approvedBy !== null && (
              <span className="muted">
                by {data.approvedBy}
                {data.approvedAt !== null && (
                  <>
                    {' '}
                    <Timestamp value={data.approvedAt} relative />
                  </>
                )}
              </span>
            )}
            {!data.approved && (
              <span className="muted">
                {canApprove
                  ? 'Read the rules below, then approve: agents run nothing from this version until then.'
                  : 'An administrator must approve this version before agents run it.'}
              </span>
            )}
          </p>
          {data.origin === 'builtin' && (
            <p className="muted">
              Built into Vigil and updated with it. To stop running it, take it out of every group; to change
              it, upload a copy under another <code>policy.id</code>.
            </p>
          )}
          {data.hasCommands && (
            <p className="policy-commands" data-testid="policy-commands">
              <Icon name="warning" size={16} />
              Some rules run commands (<code>c:</code>) on every host in the policy’s groups, with the agent’s
              privileges (usually root).
            </p>
          )}
        </div>
        <ErrorAlert error={error ?? runError} />
        {canWrite ? (
          <div className="panel-toolbar">
            <GroupsForm
              key={data.groups.join('\n')}
              policy={data}
              knownGroups={knownGroups}
              onSaved={(policy) =>
                saved(
                  policy,
                  policy.groups.length === 0
                    ? `${policy.name} runs on no group now.`
                    : `${policy.name} runs on ${policy.groups.join(', ')}.`,
                )
              }
            />
          </div>
        ) : (
          <div className="panel-toolbar">
            <span className="muted">Runs on </span>
            {data.groups.length === 0 ? (
              <span className="muted">no group yet</span>
            ) : (
              <ul className="chips chips-inline">
                {data.groups.map((group) => (
                  <li key={group} className="chip">
                    {group}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="table-scroll policy-checks">
          <table className="table table-dense" data-testid="audit-policy-checks">
            <TableHead columns={checkColumns} />
            <tbody>
              {data.checkList.map((check) => (
                <tr key={check.id}>
                  <td className="mono">{check.id}</td>
                  <td>{check.name}</td>
                  <td>
                    <SeverityBadge severity={check.severity} />
                  </td>
                  <td>
                    <ul className="chips">
                      {Object.keys(check.compliance).map((framework) => (
                        <li key={framework} className="chip" title={check.compliance[framework]?.join(', ')}>
                          {frameworkName(framework)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      {deleting && (
        <ConfirmDialog
          title="Delete audit policy"
          confirmLabel="Delete policy"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await deleteAuditPolicy(id);
            onDeleted(data.name);
          }}
        >
          Hosts stop running <strong>{data.name}</strong>, and Vigil forgets it with its results on every host
          and its waivers. The reports no longer include it.
        </ConfirmDialog>
      )}
    </>
  );
}
