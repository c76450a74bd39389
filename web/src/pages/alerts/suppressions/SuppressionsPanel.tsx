import { useState } from 'react';
import type { AlertSuppression } from '../../../../../src/protocol/alerts.ts';
import { deleteSuppression, listSuppressions } from '../../../api/alerts.ts';
import { useSession } from '../../../app/session.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { describeItems, suppressionItems } from '../entityItems.ts';
import { SuppressionRow } from './SuppressionRow.tsx';

const loadSuppressions = async () => (await listSuppressions()).suppressions;
const columns = ['Matches', 'Reason', 'Created by', 'Expires', 'Suppressed', 'Last suppressed', 'Status'];

export function SuppressionsPanel() {
  const { can } = useSession();
  const suppressions = useResource(loadSuppressions);
  const [deleting, setDeleting] = useState<AlertSuppression>();
  const canWrite = can('alerts:write');
  const rows = suppressions.data;

  return (
    <Panel title="Suppressions" flush>
      <ErrorAlert error={suppressions.error} />
      {rows === undefined ? (
        suppressions.loading && <Loading />
      ) : rows.length === 0 ? (
        <EmptyState icon="shieldCheck" title="Nothing is suppressed">
          Findings that match a suppression are counted and dropped. Use “Suppress similar” on an alert that
          keeps firing for a known, harmless reason.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <TableHead columns={columns} actions={canWrite} />
            <tbody>
              {rows.map((suppression) => (
                <SuppressionRow
                  key={suppression.id}
                  suppression={suppression}
                  canWrite={canWrite}
                  onDelete={() => setDeleting(suppression)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting !== undefined && (
        <ConfirmDialog
          title="Delete suppression"
          confirmLabel="Delete suppression"
          onConfirm={async () => {
            await deleteSuppression(deleting.id);
            suppressions.update((current) => current.filter((s) => s.id !== deleting.id));
          }}
          onClose={() => setDeleting(undefined)}
        >
          New findings for {describeItems(suppressionItems(deleting))} will raise alerts again.
        </ConfirmDialog>
      )}
    </Panel>
  );
}
