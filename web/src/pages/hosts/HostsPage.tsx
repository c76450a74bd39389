import { useHashPath } from '../../app/router.ts';
import { HostDetailPage } from './detail/HostDetailPage.tsx';
import { HostListPage } from './list/HostListPage.tsx';
import { hostIdFromPath } from './hostPaths.ts';

/** `#/hosts` lists the hosts; `#/hosts/<id>` shows one. */
export function HostsPage() {
  const id = hostIdFromPath(useHashPath());
  return id === undefined ? <HostListPage /> : <HostDetailPage key={id} agentId={id} />;
}
