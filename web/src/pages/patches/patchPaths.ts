import { detailId, detailPath, withQuery } from '../../app/router.ts';

export const patchesPath = '/patches';
/** `#/patches/new?finding=<id>&finding=<id>`: the create form with those findings chosen. */
export const newPlanPath = `${patchesPath}/new`;
export const planPath = (id: string) => detailPath(patchesPath, id);

/** The server takes at most this many findings in one plan. */
const maxFindings = 10_000;

export function newPlanHref(findingIds: readonly string[]): string {
  const query = new URLSearchParams();
  for (const id of findingIds) query.append('finding', id);
  return withQuery(newPlanPath, query);
}

export const chosenFindings = (query: URLSearchParams): string[] =>
  [...new Set(query.getAll('finding').filter((id) => id !== ''))].slice(0, maxFindings);

export type PatchRoute = { page: 'list' } | { page: 'new' } | { page: 'plan'; id: string };

export function patchRoute(path: string): PatchRoute {
  if (path === newPlanPath) return { page: 'new' };
  const id = detailId(path, patchesPath);
  return id === undefined || id === '' ? { page: 'list' } : { page: 'plan', id };
}
