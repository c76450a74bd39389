import { useState } from 'react';
import type { AuditWaiver } from '../../../../../src/protocol/audits-api.ts';
import { deleteWaiver, listWaivers } from '../../../api/audits.ts';
import { Badge } from '../../../components/Badge.tsx';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { describeScope, scopePhrase, type ScopeHost } from './waiverScope.ts';
import { WaiverForm } from './WaiverForm.tsx';

const loadWaivers = async () => (await listWaivers()).waivers;
const columns = ['Check', 'Applies to', 'Justification', 'Owner', 'Expires', 'Created', 'Status'];

interface WaiverRowProps {
  waiver: AuditWaiver;
  hosts: readonly ScopeHost[];
  canWrite: boolean;
  onDelete: () => void;
}

function WaiverRow({ waiver, hosts, canWrite, onDelete }: WaiverRowProps) {
  return (
    <tr data-testid="waiver-row">
      <td className="waiver-check">
        {waiver.checkName ?? <span className="muted">No longer in the policy</span>}
        <span className="cell-sub">
          {waiver.policyId} · {waiver.checkId}
        </span>
      </td>
      <td>{describeScope(waiver.scope, hosts)}</td>
      <td className="waiver-justification">{waiver.justification}</td>
      <td className="nowrap">{waiver.owner}</td>
      <td className="nowrap">
        <Timestamp value={waiver.expiresAt} fallback="Never" />
      </td>
      <td className="nowrap">
        <Timestamp value={waiver.createdAt} relative />
        <span className="cell-sub">{waiver.createdBy}</span>
      </td>
      <td>
        <Badge tone={waiver.active ? 'info' : 'neutral'}>{waiver.active ? 'Active' : 'Expired'}</Badge>
      </td>
      {canWrite && (
        <td>
          <div className="row-actions">
            <button type="button" className="btn btn-sm btn-danger-quiet" onClick={onDelete}>
              Delete
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}

interface WaiversSectionProps {
  hosts: readonly ScopeHost[];
  canWrite: boolean;
  onNotice: (message: string | undefined) => void;
  /** A waiver came or went: the scores change. */
  onChanged: () => void;
}

/** Every waiver with who decided it, why and until when; admins add and delete them here. */
export function WaiversSection({ hosts, canWrite, onNotice, onChanged }: WaiversSectionProps) {
  const waivers = useResource(loadWaivers);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<AuditWaiver>();
  const rows = waivers.data;

  const actions =
    canWrite && !creating ? (
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          onNotice(undefined);
          setCreating(true);
        }}
      >
        New waiver
      </button>
    ) : undefined;

  return (
    <>
      <Panel title="Waivers" flush actions={actions}>
        <ErrorAlert error={waivers.error} />
        {rows === undefined ? (
          waivers.loading && <Loading />
        ) : rows.length === 0 ? (
          <EmptyState icon="shieldCheck" title="No waivers">
            A waiver takes a check out of the score for some hosts, with a justification, an owner and an
            expiry, when the risk is accepted or handled another way.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="waivers">
              <TableHead columns={columns} actions={canWrite} />
              <tbody>
                {rows.map((waiver) => (
                  <WaiverRow
                    key={waiver.id}
                    waiver={waiver}
                    hosts={hosts}
                    canWrite={canWrite}
                    onDelete={() => setDeleting(waiver)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {creating && (
        <Panel title="New waiver">
          <WaiverForm
            hosts={hosts}
            onCancel={() => setCreating(false)}
            onCreated={(waiver) => {
              setCreating(false);
              onNotice(
                `Waived “${waiver.checkName ?? waiver.checkId}” for ${scopePhrase(waiver.scope, hosts)}.`,
              );
              waivers.reload();
              onChanged();
            }}
          />
        </Panel>
      )}
      {deleting !== undefined && (
        <ConfirmDialog
          title="Delete waiver"
          confirmLabel="Delete waiver"
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            await deleteWaiver(deleting.id);
            waivers.update((current) => current.filter((waiver) => waiver.id !== deleting.id));
            onChanged();
          }}
        >
          <strong>{deleting.checkName ?? `Check ${deleting.checkId}`}</strong> of {deleting.policyId} counts
          against the score again for {scopePhrase(deleting.scope, hosts)}.
        </ConfirmDialog>
      )}
    </>
  );
}
