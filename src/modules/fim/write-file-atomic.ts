import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * After a crash `path` holds the old or the new content, never a mix: the temporary file is
 * synced before the rename and the directory after it. (src/agent has the same helper; modules
 * may not import the agent.) One writer per file, so the temporary name is fixed.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(data, 'utf8');
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
