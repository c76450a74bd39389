import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { atomicWriteFile } from '../atomic-write.ts';

/**
 * `s=…;i=…;b=…;m=…;t=…;x=…`, hex values. Checked because journalctl refuses a malformed
 * cursor and exits, which would otherwise be retried forever.
 */
const Cursor = z
  .string()
  .max(512)
  .regex(/^[a-z]=[0-9a-f]+(;[a-z]=[0-9a-f]+)*$/);

const CursorFile = z.object({
  version: z.literal(1),
  /** The last delivered entry; null: read the journal from its start (it was empty, or fromStart). */
  cursor: Cursor.nullable(),
});

export type LoadedCursor =
  { state: 'saved'; cursor: string | null } | { state: 'none' } | { state: 'damaged'; problem: string };

/** A missing file is a first start; a damaged one is reported so the caller can warn, never thrown. */
export async function loadCursor(path: string): Promise<LoadedCursor> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'none' };
    return { state: 'damaged', problem: `cannot read ${path}: ${code ?? String(error)}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { state: 'damaged', problem: `${path} is not valid JSON` };
  }
  const result = CursorFile.safeParse(parsed);
  if (!result.success) return { state: 'damaged', problem: `${path} does not hold a journal cursor` };
  return { state: 'saved', cursor: result.data.cursor };
}

export function saveCursor(path: string, cursor: string | null): Promise<void> {
  return atomicWriteFile(path, `${JSON.stringify({ version: 1, cursor })}\n`);
}
