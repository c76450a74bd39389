import { useHashPath } from '../../../app/router.ts';
import { ExposureListPage } from './ExposureListPage.tsx';
import { NetHostPage } from './NetHostPage.tsx';
import { exposurePath, netRoute } from './netscanPaths.ts';

/** `#/network/exposure`: the inventory; `#/network/exposure/<address>`: one address. */
export function ExposurePage() {
  const route = netRoute(useHashPath(), exposurePath);
  return route.page === 'list' ? <ExposureListPage /> : <NetHostPage key={route.id} address={route.id} />;
}
