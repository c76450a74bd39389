import { readFile } from 'node:fs/promises';
import { errorCode } from './error-code.ts';
import type { FileState } from './file-state.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

interface BaselineDocument {
  version: 1;
  states: [string, FileState][];
}

/**
 * The persisted baseline, or undefined when there is none yet. A damaged file throws rather than
 * passing for "no baseline": that would silently accept everything changed while the agent was
 * down, which is what someone hiding a change would want.
 */
export async function loadBaseline(path: string): Promise<Map<string, FileState> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const document: unknown = JSON.parse(text);
  if (!isBaselineDocument(document)) throw new Error(`${path} is not a FIM baseline (version 1)`);
  return new Map(document.states);
}

export async function saveBaseline(path: string, states: ReadonlyMap<string, FileState>): Promise<void> {
  const document: BaselineDocument = { version: 1, states: [...states] };
  await writeFileAtomic(path, JSON.stringify(document));
}

function isBaselineDocument(value: unknown): value is BaselineDocument {
  if (typeof value !== 'object' || value === null) return false;
  const { version, states } = value as Record<string, unknown>;
  return (
    version === 1 &&
    Array.isArray(states) &&
    states.every(
      (entry: unknown) =>
        Array.isArray(entry) &&
        typeof entry[0] === 'string' &&
        typeof entry[1] === 'object' &&
        entry[1] !== null &&
        typeof (entry[1] as Record<string, unknown>).type === 'string',
    )
  );
}
