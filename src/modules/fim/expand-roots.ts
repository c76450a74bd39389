import { readdir } from 'node:fs/promises';
import { compileIgnore } from './compile-ignore.ts';

/**
 * Expands `*` and `?` in path segments (`/home/*\/.ssh/authorized_keys`) against what exists now;
 * paths without them are kept even when missing, so a scan notices when they appear.
 */
export async function expandRoots(patterns: readonly string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const pattern of patterns) {
    let prefixes = [''];
    for (const segment of pattern.split('/').filter((part) => part !== '')) {
      if (!/[*?]/.test(segment)) {
        prefixes = prefixes.map((prefix) => `${prefix}/${segment}`);
        continue;
      }
      const matches = compileIgnore([segment]);
      const next: string[] = [];
      for (const prefix of prefixes) {
        const names = await readdir(prefix || '/').catch(() => [] as string[]);
        // Hidden entries only when asked for, as shells do.
        next.push(
          ...names
            .filter((name) => matches(name) && (!name.startsWith('.') || segment.startsWith('.')))
            .map((name) => `${prefix}/${name}`),
        );
      }
      prefixes = next;
    }
    roots.push(...prefixes.map((prefix) => prefix || '/'));
  }
  return [...new Set(roots)];
}
