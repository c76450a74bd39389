import { useCallback, useState } from 'react';
import type { AlertSuppression } from '../../../../../src/protocol/alerts.ts';
import { getAlert } from '../../../api/alerts.ts';
import { href } from '../../../app/router.ts';
import { useSession } from '../../../app/session.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { formatDateTime } from '../../../format/time.ts';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { alertsPath } from '../alertPaths.ts';
import { describeItems, suppressionItems } from '../entityItems.ts';
import { AlertSummary } from './AlertSummary.tsx';
import { EvidencePanel } from './EvidencePanel.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { SuppressDialog } from './SuppressDialog.tsx';

export function AlertDetailPage({ alertId }: { alertId: string }) {
  const { can } = useSession();
  const load = useCallback(() => getAlert(alertId), [alertId]);
  const alert = useResource(load);
  const [suppressing, setSuppressing] = useState(false);
  const [suppressed, setSuppressed] = useState<AlertSuppression>();
  const canWrite = can('alerts:write');
  useDocumentTitle(alert.data?.finding_info.title);

  const data = alert.data;
  const entities =
    suppressed === undefined ? '' : describeItems(suppressionItems({ ...suppressed, ruleId: null }));
  if (data === undefined) {
    return (
      <div className="page">
        {alert.error?.status === 404 ? (
          <EmptyState icon="alerts" title="No such alert">
            There is no alert with the id <code>{alertId}</code>.{' '}
            <a href={href(alertsPath)}>Back to all alerts</a>.
          </EmptyState>
        ) : (
          <>
            <ErrorAlert error={alert.error} />
            {alert.loading && <Loading />}
          </>
        )}
      </div>
    );
  }

  return (
    <div className="page">
      <AlertSummary
        alert={data}
        canWrite={canWrite}
        onChanged={(changed) => alert.update((current) => ({ ...current, ...changed }))}
        onSuppress={() => setSuppressing(true)}
      />
      {suppressed !== undefined && (
        <Notice>
          <p data-testid="suppressed-notice">
            New findings of {suppressed.ruleId === null ? 'any rule' : 'this rule'}
            {entities === '' ? '' : ` for ${entities}`} are dropped
            {suppressed.expiresAt === null ? '' : ` until ${formatDateTime(suppressed.expiresAt)}`}. Manage
            suppressions on the <a href={href(alertsPath)}>alerts list</a>.
          </p>
        </Notice>
      )}
      <EvidencePanel alert={data} />
      <NotesPanel
        alertId={data.id}
        notes={data.notes}
        canWrite={canWrite}
        onAdded={(note) => alert.update((current) => ({ ...current, notes: [...current.notes, note] }))}
      />
      {suppressing && (
        <SuppressDialog alert={data} onClose={() => setSuppressing(false)} onCreated={setSuppressed} />
      )}
    </div>
  );
}
