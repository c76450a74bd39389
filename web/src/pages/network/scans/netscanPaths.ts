import { detailId, detailPath } from '../../../app/router.ts';

/*
 * The network audit pages sit under Network beside blocking and firewall policies:
 * `#/network/scans[/<id>]`, `#/network/exposure[/<address>]` (one host) and `#/network/findings`.
 */
export const scansPath = '/network/scans';
export const exposurePath = '/network/exposure';
export const netFindingsPath = '/network/findings';

export const scanPath = (id: string) => detailPath(scansPath, id);
export const netHostPath = (address: string) => detailPath(exposurePath, address);

/** The list at `listPath`, or one of its items: what each of the three pages shows for an address. */
export type NetRoute = { page: 'list' } | { page: 'item'; id: string };

export function netRoute(path: string, listPath: string): NetRoute {
  const id = detailId(path, listPath);
  return id === undefined || id === '' ? { page: 'list' } : { page: 'item', id };
}
