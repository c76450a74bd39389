import type { PackageChange } from '../../protocol/patch-api.ts';

export type CompareVersions = (a: string, b: string) => number;

/**
 * The change from one installed version to another; null when the version stays (a reinstall
 * changes nothing a plan cares about). A version the order cannot read counts as an upgrade: the
 * package manager chose it, and the change is still listed.
 */
export function changeOf(
  name: string,
  from: string | null,
  to: string | null,
  compare: CompareVersions,
): PackageChange | null {
  if (from === null && to === null) return null;
  if (from === null) return { name, from, to, action: 'install' };
  if (to === null) return { name, from, to, action: 'remove' };
  if (from === to) return null;
  let order: number;
  try {
    order = compare(to, from);
  } catch {
    order = 1;
  }
  if (order === 0) return null;
  return { name, from, to, action: order < 0 ? 'downgrade' : 'upgrade' };
}
