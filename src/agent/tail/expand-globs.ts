import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The paths the log globs match now: absolute, sorted, each once. Paths without wildcards are
 * returned whether or not they exist, so the caller's stat decides (and a log that appears later
 * is found by a later call).
 *
 * The syntax is the shell's: `*`, `?` and `[abc]`/`[!a-z]` within one path segment, `**` as a
 * whole segment for any number of directories, and `{a,b}` alternatives. Wildcards match a
 * leading dot only where the pattern's segment starts with one, and `**` does not descend into
 * hidden directories or through symlinks, so a link loop cannot trap it. Directories that
 * cannot be listed match nothing.
 *
 * This replaces a glob library: the tailer calls it every poll, and the library's code and its
 * work cost the agent several MB of resident memory (docs/benchmarks.md).
 */
export async function expandGlobs(globs: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const found = new Set<string>();
  for (const glob of globs.flatMap(expandBraces)) {
    for (const path of await expandOne(resolve(cwd, glob))) found.add(path);
  }
  return [...found].sort();
}

async function expandOne(pattern: string): Promise<string[]> {
  const segments = pattern.split('/').filter((segment) => segment !== '');
  // A trailing `**` means every file below, as `**/*` does.
  if (segments.at(-1) === '**') segments.push('*');
  let prefixes = ['/'];
  for (const segment of segments) {
    if (segment === '**') {
      prefixes = (await Promise.all(prefixes.map(directoriesBelow))).flat();
    } else if (!/[*?[]/.test(segment)) {
      prefixes = prefixes.map((prefix) => join(prefix, segment));
    } else {
      const matches = segmentMatcher(segment);
      const listed = await Promise.all(
        prefixes.map(async (prefix) => ({ prefix, names: await list(prefix) })),
      );
      prefixes = listed.flatMap(({ prefix, names }) =>
        names.filter((entry) => matches(entry.name)).map((entry) => join(prefix, entry.name)),
      );
    }
    if (prefixes.length === 0) break;
  }
  return prefixes;
}

/** The directory itself and every directory below it, skipping hidden ones and symlinks. */
async function directoriesBelow(directory: string): Promise<string[]> {
  const found = [directory];
  for (const entry of await list(directory)) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      found.push(...(await directoriesBelow(join(directory, entry.name))));
    }
  }
  return found;
}

async function list(directory: string): Promise<Dirent[]> {
  try {
    return await readdir(directory, { withFileTypes: true });
  } catch {
    return [];
  }
}

function segmentMatcher(segment: string): (name: string) => boolean {
  let source = '';
  for (let i = 0; i < segment.length; i += 1) {
    const char = segment.charAt(i);
    const close = char === '[' ? setEnd(segment, i) : -1;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (close > 0) {
      const body = segment.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      source += `[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`, 's');
  const dotAllowed = segment.startsWith('.');
  return (name) => (dotAllowed || !name.startsWith('.')) && regex.test(name);
}

/** Where the set opened at `open` ends, or -1 when it does not: a `]` first in the set is a member, as in the shell. */
function setEnd(segment: string, open: number): number {
  const first = /[!^]/.test(segment.charAt(open + 1)) ? open + 2 : open + 1;
  return segment.indexOf(']', first + 1);
}

/** `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`; braces without a top-level comma stay as they are. */
export function expandBraces(glob: string): string[] {
  for (let open = glob.indexOf('{'); open >= 0; open = glob.indexOf('{', open + 1)) {
    const commas: number[] = [];
    let depth = 0;
    for (let i = open; i < glob.length; i += 1) {
      const char = glob.charAt(i);
      if (char === '{') depth += 1;
      else if (char === '}') depth -= 1;
      else if (char === ',' && depth === 1) commas.push(i);
      if (depth > 0) continue;
      if (commas.length === 0) break;
      const bounds = [open, ...commas, i];
      const head = glob.slice(0, open);
      const tail = glob.slice(i + 1);
      return bounds
        .slice(1)
        .flatMap((end, k) => expandBraces(`${head}${glob.slice((bounds[k] ?? open) + 1, end)}${tail}`));
    }
  }
  return [glob];
}
