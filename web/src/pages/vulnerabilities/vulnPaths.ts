import { detailId } from '../../app/router.ts';

export const vulnerabilitiesPath = '/vulnerabilities';
const findingPrefix = `${vulnerabilitiesPath}/finding`;

/** `#/vulnerabilities/finding/<id>`: one finding with everything Vigil knows of it. */
export const findingPath = (id: string) => `${findingPrefix}/${encodeURIComponent(id)}`;

export type VulnRoute = { page: 'list' } | { page: 'finding'; id: string } | { page: 'unknown' };

export function vulnRoute(path: string): VulnRoute {
  if (path === vulnerabilitiesPath) return { page: 'list' };
  const id = detailId(path, findingPrefix);
  return id === undefined || id === '' ? { page: 'unknown' } : { page: 'finding', id };
}
