import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Replaces `path` so that after a crash or power loss it holds either the old or the new
 * content, never a mix: the temporary file is synced before the rename, and the directory after
 * it so the rename itself survives. The temporary name is fixed rather than random because each
 * of our state files has one writer; a leftover from a crash is simply overwritten next time.
 */
export async function atomicWriteFile(path: string, data: string): Promise<void> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(data, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

/** Makes a created, renamed or removed directory entry durable. */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
