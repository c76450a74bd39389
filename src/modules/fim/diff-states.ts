import type { FileStates } from './file-states.ts';
import type { FimChange } from './fim-change.ts';

const compared = ['type', 'size', 'mode', 'uid', 'gid', 'mtimeMs', 'inode', 'sha256', 'linkTarget'] as const;

/*
 * A directory's size and mtime move whenever an entry is added or removed, and that entry is
 * reported itself; comparing them would add a second, less useful event to every such change.
 */
const ignoredForDirs = new Set<string>(['size', 'mtimeMs']);

/** Added, removed and modified paths between two scans, sorted by path. */
export function diffStates(before: FileStates, after: FileStates): FimChange[] {
  const changes: FimChange[] = [];
  for (const [path, was] of before.subset((key) => !before.sameAs(after, key))) {
    const now = after.get(path);
    if (!now) {
      changes.push({ kind: 'fim.removed', path, before: was, changed: [] });
      continue;
    }
    const bothDirs = was.type === 'dir' && now.type === 'dir';
    const changed = compared.filter(
      (field) => was[field] !== now[field] && !(bothDirs && ignoredForDirs.has(field)),
    );
    if (changed.length > 0) changes.push({ kind: 'fim.modified', path, before: was, after: now, changed });
  }
  for (const path of after.keys()) {
    const now = before.has(path) ? undefined : after.get(path);
    if (now) changes.push({ kind: 'fim.added', path, after: now, changed: [] });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
