import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { parseSudoers } from './parse-sudoers.ts';
import { isMissing, readOptionalTextFile } from './read-text-file.ts';
import { resolveSudoRules, type LocatedSudoersEntry } from './resolve-sudo-rules.ts';
import type { SudoRule } from '../../protocol/inventory.ts';

const maxFiles = 256;
/** sudo's own include depth limit. */
const maxDepth = 128;
const maxFileBytes = 1024 * 1024;

export interface SudoCollection {
  rules: SudoRule[];
  /** Files that could not be read and statements that could not be parsed, as `file:line: reason`. */
  problems: string[];
}

/**
 * Reads /etc/sudoers and what it includes, as sudo does: `#include` and
 * `@include` files (relative paths from the including file's directory) and
 * `#includedir`/`@includedir` directories in lexical order, skipping names
 * that end in `~` or contain a `.`. Include paths come from the files, so they
 * are resolved inside `root` and each file is read at most once. A missing
 * /etc/sudoers (sudo not installed) yields no rules and no problem.
 */
export async function collectSudoRules(root: string): Promise<SudoCollection> {
  const located: LocatedSudoersEntry[] = [];
  const problems: string[] = [];
  const visited = new Set<string>();

  const visitFile = async (file: string, depth: number): Promise<void> => {
    if (visited.has(file)) return;
    if (depth > maxDepth || visited.size >= maxFiles) {
      problems.push(`${file}: not read, include limit reached`);
      return;
    }
    visited.add(file);
    let text: string | null;
    try {
      text = await readOptionalTextFile(join(root, file), { maxBytes: maxFileBytes });
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (text === null) return;
    for (const entry of parseSudoers(text)) {
      if (entry.type === 'include') {
        const target = resolveInclude(file, entry.path);
        if (target === null) problems.push(`${file}:${entry.line}: include path not usable`);
        else if (entry.directory) await visitDirectory(target, depth + 1);
        else await visitFile(target, depth + 1);
      } else if (entry.type === 'problem') {
        problems.push(`${file}:${entry.line}: ${entry.message}`);
      } else {
        located.push({ file, entry });
      }
    }
  };

  const visitDirectory = async (directory: string, depth: number): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(join(root, directory));
    } catch (error) {
      if (!isMissing(error))
        problems.push(`${directory}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const name of names.filter((entry) => !entry.endsWith('~') && !entry.includes('.')).sort()) {
      await visitFile(posix.join(directory, name), depth);
    }
  };

  await visitFile('/etc/sudoers', 0);
  return { rules: resolveSudoRules(located), problems };
}

/** An absolute, normalized host path; `..` cannot climb above `/`, so joining it to root stays inside. */
function resolveInclude(fromFile: string, path: string): string | null {
  if (path.includes('\u0000')) return null;
  return posix.resolve(posix.dirname(fromFile), path);
}
