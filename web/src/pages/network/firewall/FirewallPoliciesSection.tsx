import { useState } from 'react';
import type { FirewallPolicySummary } from '../../../../../src/protocol/firewall-policies-api.ts';
import { listFirewallPolicies } from '../../../api/firewallPolicies.ts';
import { useSession } from '../../../app/session.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { DriftCount } from './badges.tsx';
import { PolicyDetail } from './PolicyDetail.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { policyTemplate } from './policyTemplate.ts';

const columns = ['Policy', 'Groups', 'Hosts', 'Drift', 'Updated'];

/** What the editor holds: a new policy (no name yet) or an existing one's YAML. */
interface Editing {
  name: string | undefined;
  source: string;
}

interface PolicyRowProps {
  policy: FirewallPolicySummary;
  selected: boolean;
  onSelect: () => void;
}

function PolicyRow({ policy, selected, onSelect }: PolicyRowProps) {
  return (
    <tr data-testid="firewall-policy-row" className={selected ? 'policy-row-selected' : undefined}>
      <td>
        <button
          type="button"
          className="policy-link cell-link mono"
          aria-current={selected ? 'true' : undefined}
          onClick={onSelect}
        >
          {policy.name}
        </button>
        {policy.description !== null && <span className="cell-sub">{policy.description}</span>}
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
      <td className="num">{policy.hosts}</td>
      <td>
        <DriftCount hosts={policy.hosts} drifted={policy.drifted} />
      </td>
      <td className="nowrap">
        <Timestamp value={policy.updatedAt} relative />
        <span className="cell-sub">{policy.updatedBy}</span>
      </td>
    </tr>
  );
}

/**
 * Firewall policies as code: the list, and below it either the editor or the selected policy
 * with its hosts, plans and rendered ruleset.
 */
export function FirewallPoliciesSection() {
  const { can } = useSession();
  const canWrite = can('firewall:write');
  const policies = useResource(listFirewallPolicies);
  const [selected, setSelected] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [done, setDone] = useState<string>();
  const rows = policies.data?.policies;
  const editingNew = editing !== undefined && editing.name === undefined;

  const actions = canWrite ? (
    <button
      type="button"
      className="btn btn-sm btn-primary"
      disabled={editingNew}
      onClick={() => {
        setDone(undefined);
        setEditing({ name: undefined, source: policyTemplate });
      }}
    >
      New policy
    </button>
  ) : undefined;

  return (
    <>
      {done !== undefined && <Notice>{done}</Notice>}
      <Panel title="Firewall policies" flush actions={actions}>
        <ErrorAlert error={policies.error} />
        {rows === undefined ? (
          policies.loading && <Loading />
        ) : rows.length === 0 ? (
          <EmptyState icon="shieldCheck" title="No firewall policies">
            A policy says which ports each host group accepts and from where. Vigil renders it into nftables
            rules, shows what would change on each host, and applies it with an automatic rollback.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="firewall-policies">
              <TableHead columns={columns} />
              <tbody>
                {rows.map((policy) => (
                  <PolicyRow
                    key={policy.name}
                    policy={policy}
                    selected={policy.name === selected && editing === undefined}
                    onSelect={() => {
                      setDone(undefined);
                      setEditing(undefined);
                      setSelected(policy.name);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {editing !== undefined ? (
        <PolicyEditor
          key={editing.name ?? ''}
          name={editing.name}
          initialSource={editing.source}
          taken={rows?.map((policy) => policy.name) ?? []}
          onCancel={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setSelected(saved.name);
            setDone(`Saved policy ${saved.name}. Plan it to see what it would change on its hosts.`);
            policies.reload();
          }}
        />
      ) : (
        selected !== undefined && (
          <PolicyDetail
            key={selected}
            name={selected}
            canWrite={canWrite}
            onTasksDone={policies.reload}
            onEdit={(policy) => {
              setDone(undefined);
              setEditing({ name: policy.name, source: policy.source });
            }}
            onDeleted={(name) => {
              setSelected(undefined);
              setDone(`Deleted policy ${name}.`);
              policies.reload();
            }}
          />
        )
      )}
    </>
  );
}
