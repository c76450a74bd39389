import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The shared corpora (`VIGIL_CORPORA`, else ../shared/corpora beside the repo), read in place; undefined when absent. */
export function corporaDir(): string | undefined {
  const dir = resolve(root, process.env.VIGIL_CORPORA ?? '../shared/corpora');
  return existsSync(dir) ? dir : undefined;
}

/**
 * Options for `describe()`/`test()` that read a corpus: skip with the reason when it is absent,
 * fail under CI=true, because CI must prove everything (as `needs()` does for programs).
 */
export function needsCorpora(subdir: string): { skip?: string } {
  const dir = corporaDir();
  if (dir !== undefined && existsSync(resolve(dir, subdir))) return {};
  const reason = `corpus ${subdir} not found under ${dir ?? resolve(root, process.env.VIGIL_CORPORA ?? '../shared/corpora')} (set VIGIL_CORPORA)`;
  if (process.env.CI === 'true') throw new Error(`CI requires ${reason}`);
  return { skip: reason };
}
