import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { atomicWriteFile } from '../atomic-write.ts';

const SpoolState = z.object({
  ackedThrough: z.number().int().min(0),
  dropped: z.number().int().min(0),
});
export type SpoolState = z.infer<typeof SpoolState>;

/**
 * Undefined when the file is missing or damaged: the spool then treats everything still in its
 * segments as unacknowledged, which at worst re-sends events the server already has and dedups.
 */
export async function readSpoolState(path: string): Promise<SpoolState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = SpoolState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeSpoolState(path: string, state: SpoolState): Promise<void> {
  return atomicWriteFile(path, `${JSON.stringify(state)}\n`);
}
