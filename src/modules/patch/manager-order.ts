import type { SystemPackageManager } from '../../protocol/inventory.ts';
import { versionComparer } from '../vuln/compare-versions.ts';
import type { CompareVersions } from './change-action.ts';

/** The OSV ecosystem whose version order each package manager uses. */
const orderOf: Readonly<Record<SystemPackageManager, string>> = {
  dpkg: 'Debian',
  rpm: 'Red Hat',
  apk: 'Alpine',
};

/**
 * Compares versions as the package manager does. Versions come from hosts, so one the order
 * cannot read is ordered as text rather than failing the whole plan or simulation.
 */
export function managerOrder(manager: SystemPackageManager): CompareVersions {
  const compare = versionComparer(orderOf[manager]);
  return (a, b) => {
    try {
      return compare(a, b);
    } catch {
      return a < b ? -1 : a > b ? 1 : 0;
    }
  };
}
