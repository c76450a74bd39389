import { open } from 'node:fs/promises';
import { errorCode } from './error-code.ts';
import { FileStates, stateFields, stateFromFields } from './file-states.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/*
 * Version 2: a header line, then one line per path (see FileStates.lines), so the file is
 * written and read a line at a time and never held whole. Version 1 was one JSON document,
 * `{"version":1,"states":[[key, state], …]}`; it is still read.
 */
const header = `${JSON.stringify({ version: 2 })}\n`;

/**
 * The persisted baseline, or undefined when there is none yet. A damaged file throws rather than
 * passing for "no baseline": that would silently accept everything changed while the agent was
 * down, which is what someone hiding a change would want.
 */
export async function loadBaseline(path: string): Promise<FileStates | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const states = new FileStates();
  let version: unknown;
  try {
    for await (const line of handle.readLines({ autoClose: false })) {
      if (version === undefined) {
        const document = JSON.parse(line) as Record<string, unknown> | null;
        version = document?.version;
        if (version === 1) addVersion1(states, document?.states);
        continue;
      }
      if (version !== 2) break;
      if (line !== '') states.addLine(line);
    }
  } catch (error) {
    throw new Error(`${path} is not a FIM baseline: ${String(error)}`, { cause: error });
  } finally {
    await handle.close();
  }
  if (version !== 1 && version !== 2) throw new Error(`${path} is not a FIM baseline (version 1 or 2)`);
  return states;
}

export async function saveBaseline(path: string, states: FileStates): Promise<void> {
  await writeFileAtomic(path, baselineLines(states));
}

function* baselineLines(states: FileStates): Generator<string> {
  yield header;
  yield* states.lines();
}

function addVersion1(states: FileStates, entries: unknown): void {
  if (!Array.isArray(entries)) throw new Error('no states');
  for (const entry of entries as unknown[]) {
    const [key, state] = Array.isArray(entry) ? (entry as unknown[]) : [];
    if (typeof key !== 'string' || typeof state !== 'object' || state === null) throw new Error('bad entry');
    const fields = state as Record<string, unknown>;
    states.set(key, stateFromFields(stateFields.map((field) => fields[field] ?? null)));
  }
}
