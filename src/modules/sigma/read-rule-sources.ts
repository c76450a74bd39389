import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { RuleIssue } from './sigma-error.ts';

export interface RuleSource {
  file: string;
  text: string;
}

const ruleExtensions = new Set(['.yml', '.yaml']);

/** Rule files from files and directories (searched recursively for .yml and .yaml), in path order. */
export async function readRuleSources(
  paths: readonly string[],
): Promise<{ sources: RuleSource[]; errors: RuleIssue[] }> {
  const sources: RuleSource[] = [];
  const errors: RuleIssue[] = [];
  for (const path of paths) {
    try {
      const files = (await stat(path)).isDirectory() ? await ruleFiles(path) : [path];
      // Rule files are small: a synchronous read costs a fraction of the promise API's trips
      // through the thread pool (open, stat, read, close), and parsing them blocks anyway. The
      // server loads rules this way too, at start and on reload: a few dozen ms for SigmaHQ's set.
      for (const file of files) sources.push({ file, text: readFileSync(file, 'utf8') });
    } catch (error) {
      errors.push({ file: path, code: 'read_failed', reason: (error as Error).message });
    }
  }
  return { sources, errors };
}

async function ruleFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && ruleExtensions.has(extname(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
