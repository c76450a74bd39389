import { detailId, useHashPath } from '../../app/router.ts';
import { alertsPath } from './alertPaths.ts';
import { AlertDetailPage } from './detail/AlertDetailPage.tsx';
import { AlertListPage } from './list/AlertListPage.tsx';

/** `#/alerts` lists the alerts; `#/alerts/<id>` shows one. */
export function AlertsPage() {
  const id = detailId(useHashPath(), alertsPath);
  return id === undefined ? <AlertListPage /> : <AlertDetailPage key={id} alertId={id} />;
}
