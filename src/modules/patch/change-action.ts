import type { PackageChange } from '../../protocol/patch-api.ts';

export type CompareVersions = (a: string, b: string) => number;

/**
 * The change from one installed version to another; null when the version stays (a reinstall
 * changes nothing a plan cares about).
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
  const order = compare(to, from);
  if (order === 0) return null;
  return { name, from, to, action: order < 0 ? 'downgrade' : 'upgrade' };
}
