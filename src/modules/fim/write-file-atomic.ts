import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Pieces are gathered to about this size before each write: few system calls, no large string. */
const batchChars = 64 * 1024;

/**
 * After a crash `path` holds the old or the new content, never a mix: the temporary file is
 * synced before the rename and the directory after it. (src/agent has the same helper; modules
 * may not import the agent.) One writer per file, so the temporary name is fixed. The content
 * comes in pieces, so a large file never has to exist as one string.
 */
export async function writeFileAtomic(path: string, pieces: Iterable<string>): Promise<void> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    let batch = '';
    // writeFile continues at the file's position and, unlike write, never stops short.
    for (const piece of pieces) {
      batch += piece;
      if (batch.length < batchChars) continue;
      await file.writeFile(batch, 'utf8');
      batch = '';
    }
    await file.writeFile(batch, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
