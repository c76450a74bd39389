import { basename, dirname, resolve } from 'node:path';
import type { FeedKind } from '../../protocol/vuln-api.ts';

/**
 * The name a feed is imported under when none is given. KEV, EPSS and the Debian tracker are one
 * feed each; OSV sources are named after their file or directory (`Debian/all.zip` → `osv-Debian`,
 * `./advisories/` → `osv-advisories`), so two ecosystems' exports do not replace each other.
 */
export function defaultFeedName(kind: FeedKind, path: string): string {
  if (kind !== 'osv') return kind;
  const base = basename(resolve(path)).replace(/\.zip$/i, '');
  const stem = base.toLowerCase() === 'all' ? basename(dirname(resolve(path))) : base;
  const clean = stem.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 60);
  return `osv-${clean || 'feed'}`;
}
