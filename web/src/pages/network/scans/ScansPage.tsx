import { useHashPath } from '../../../app/router.ts';
import { netRoute, scansPath } from './netscanPaths.ts';
import { ScanDetailPage } from './ScanDetailPage.tsx';
import { ScanListPage } from './ScanListPage.tsx';

/** `#/network/scans`: the scans and groups; `#/network/scans/<id>`: one scan. */
export function ScansPage() {
  const route = netRoute(useHashPath(), scansPath);
  return route.page === 'list' ? <ScanListPage /> : <ScanDetailPage key={route.id} id={route.id} />;
}
