import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { unreadable } from './read-file-bounded.ts';

/**
 * The regular files under a directory, as paths relative to it with `/`, each directory's names
 * in byte order. Symbolic links are not followed (no loops, nothing outside the feed).
 */
export async function* walkFiles(root: string, relative = ''): AsyncGenerator<string> {
  const dir = join(root, relative);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw unreadable(dir, error);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) yield* walkFiles(root, path);
    else if (entry.isFile()) yield path;
  }
}
