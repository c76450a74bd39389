import { useState } from 'react';
import type {
  AuditOverview,
  AuditPolicyDetail as PolicyDetail,
  AuditPolicySummary,
} from '../../../../../src/protocol/audits-api.ts';
import { listAuditPolicies } from '../../../api/audits.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { ApprovalBadge, ScoreCell } from '../AuditBadges.tsx';
import type { AuditPermissions } from '../auditPermissions.ts';
import { RunNowButton } from '../RunNowButton.tsx';
import { AuditPolicyDetail } from './AuditPolicyDetail.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { policyTemplate } from './policyTemplate.ts';

const columns = ['Policy', 'Status', 'Groups', 'Checks', 'Score', 'Failed', 'Updated'];
const count = new Intl.NumberFormat();

type PolicyScore = AuditOverview['policies'][number];

interface PolicyRowProps {
  policy: AuditPolicySummary;
  score: PolicyScore | undefined;
  selected: boolean;
  canRun: boolean;
  onSelect: () => void;
  onQueued: (message: string) => void;
  onError: (error: unknown) => void;
}

function PolicyRow({ policy, score, selected, canRun, onSelect, onQueued, onError }: PolicyRowProps) {
  return (
    <tr data-testid="audit-policy-row" className={selected ? 'policy-row-selected' : undefined}>
      <td>
        <button
          type="button"
          className="policy-link cell-link"
          aria-current={selected ? 'true' : undefined}
          onClick={onSelect}
        >
          {policy.name}
        </button>
        <span className="cell-sub">{policy.id}</span>
      </td>
      <td>
        <ApprovalBadge approved={policy.approved} />
      </td>
      <td>
        {policy.groups.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="chips">
            {policy.groups.map((group) => (
              <li key={group} className="chip">
                {group}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="num">{count.format(policy.checks)}</td>
      <td>
        <ScoreCell score={score?.score ?? null} />
      </td>
      <td className={score !== undefined && score.failed > 0 ? 'num danger-text' : 'num'}>
        {score === undefined ? <span className="muted">—</span> : count.format(score.failed)}
      </td>
      <td className="nowrap">
        <Timestamp value={policy.updatedAt} relative />
      </td>
      {canRun && (
        <td>
          <div className="row-actions">
            {policy.approved && policy.groups.length > 0 && (
              <RunNowButton
                target={{ policies: [policy.id] }}
                label={`Run now: ${policy.name}`}
                onQueued={onQueued}
                onError={onError}
              />
            )}
          </div>
        </td>
      )}
    </tr>
  );
}

/** What the editor holds: a new policy (no id yet) or an existing one's YAML. */
interface Editing {
  id: string | undefined;
  source: string;
}

interface AuditPoliciesSectionProps {
  scores: AuditOverview['policies'];
  knownGroups: readonly string[];
  permissions: AuditPermissions;
  onNotice: (message: string | undefined) => void;
  /** Policies changed in a way the scores may show. */
  onChanged: () => void;
}

/**
 * The audit policies: built-in and uploaded, whether approved, which groups run them and how
 * their hosts score; below, the selected policy or the YAML editor.
 */
export function AuditPoliciesSection({
  scores,
  knownGroups,
  permissions,
  onNotice,
  onChanged,
}: AuditPoliciesSectionProps) {
  const policies = useResource(listAuditPolicies);
  const [selected, setSelected] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [runError, setRunError] = useState<unknown>();
  const rows = policies.data?.policies;
  const { canWrite, canRun } = permissions;
  const editingNew = editing !== undefined && editing.id === undefined;

  const changed = () => {
    policies.reload();
    onChanged();
  };

  const actions = canWrite ? (
    <button
      type="button"
      className="btn btn-sm btn-primary"
      disabled={editingNew}
      onClick={() => {
        onNotice(undefined);
        setEditing({ id: undefined, source: policyTemplate });
      }}
    >
      Upload policy
    </button>
  ) : undefined;

  return (
    <>
      <Panel title="Audit policies" flush actions={actions}>
        <ErrorAlert error={policies.error ?? runError} />
        {rows === undefined ? (
          policies.loading && <Loading />
        ) : rows.length === 0 ? (
          <EmptyState icon="audits" title="No audit policies">
            A policy lists the settings hosts must have, in Wazuh’s SCA format. Upload your company standard
            or a CIS benchmark, approve it and assign it to host groups.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="audit-policies">
              <TableHead columns={columns} actions={canRun} />
              <tbody>
                {rows.map((policy) => (
                  <PolicyRow
                    key={policy.id}
                    policy={policy}
                    score={scores.find((score) => score.id === policy.id)}
                    selected={policy.id === selected && editing === undefined}
                    canRun={canRun}
                    onSelect={() => {
                      onNotice(undefined);
                      setEditing(undefined);
                      setSelected(policy.id);
                    }}
                    onQueued={(message) => {
                      setRunError(undefined);
                      onNotice(message);
                    }}
                    onError={setRunError}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {editing !== undefined ? (
        <PolicyEditor
          key={editing.id ?? ''}
          id={editing.id}
          initialSource={editing.source}
          taken={rows?.map((policy) => policy.id) ?? []}
          onCancel={() => setEditing(undefined)}
          onSaved={(saved: PolicyDetail) => {
            setEditing(undefined);
            setSelected(saved.id);
            onNotice(
              saved.approved
                ? `Saved policy ${saved.name}.`
                : `Saved policy ${saved.name}. Hosts run it once an administrator approves it.`,
            );
            changed();
          }}
        />
      ) : (
        selected !== undefined && (
          <AuditPolicyDetail
            key={selected}
            id={selected}
            permissions={permissions}
            knownGroups={knownGroups}
            onChanged={changed}
            onNotice={onNotice}
            onEdit={(policy) => {
              onNotice(undefined);
              setEditing({ id: policy.id, source: policy.source });
            }}
            onDeleted={(name) => {
              setSelected(undefined);
              onNotice(`Deleted policy ${name}.`);
              changed();
            }}
          />
        )
      )}
    </>
  );
}
