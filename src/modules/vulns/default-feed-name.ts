import { basename, dirname, resolve } from 'node:path';
import type { FeedKind } from '../../protocol/vuln-api.ts';

/**
 * The name a feed is imported under when none is given. KEV, EPSS and the Debian tracker's JSON
 * are one feed each. OSV sources are named after their file or directory (`Debian/all.zip` →
 * `osv-Debian`, `./advisories/` → `osv-advisories`) and the tracker's `data/DSA/list` and
 * `data/DLA/list` after their directory (`debian-dsa`), so importing one never replaces another.
 */
export function defaultFeedName(kind: FeedKind, path: string): string {
  const file = basename(resolve(path));
  const parent = basename(dirname(resolve(path)));
  if (kind === 'debian-tracker' && file === 'list') return `debian-${clean(parent).toLowerCase()}`;
  if (kind !== 'osv') return kind;
  const base = file.replace(/\.zip$/i, '');
  return `osv-${clean(base.toLowerCase() === 'all' ? parent : base)}`;
}

function clean(stem: string): string {
  return stem.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 50) || 'feed';
}
