import { lstat, readlink } from 'node:fs/promises';
import { posix } from 'node:path';

/** As the kernel's own limit: a loop of links is an error, not a hang. */
const maxLinks = 40;

/**
 * The real path of `path` inside `root` as if `root` were `/` (a mounted image, a fixture
 * tree): symbolic links are followed by hand, absolute ones from `root`, and `..` never climbs
 * above it, so a link in the image cannot make the audit read the auditor's own files.
 */
export async function resolveUnderRoot(root: string, path: string): Promise<string> {
  const pending = posix
    .normalize(path)
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  const resolved: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift() ?? '';
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = posix.join(root, ...resolved, part);
    let isLink = false;
    try {
      isLink = (await lstat(candidate)).isSymbolicLink();
    } catch {
      // Missing: the caller's own read reports it.
    }
    if (!isLink) {
      resolved.push(part);
      continue;
    }
    links += 1;
    if (links > maxLinks)
      throw Object.assign(new Error(`too many symbolic links in ${path}`), { code: 'ELOOP' });
    const target = await readlink(candidate);
    const targetParts = target.split('/').filter((item) => item !== '' && item !== '.');
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...targetParts);
  }
  return posix.join(root, ...resolved);
}
