import { readFile, rm } from 'node:fs/promises';
import { atomicWriteFileSync } from '../../platform/atomic-write-file-sync.ts';

/*
 * While a firewall policy change waits for confirmation, the policy objects it replaced are
 * kept in a file, so an agent killed inside the window puts them back when it starts again.
 */

export async function savePendingRollback(path: string | undefined, previous: string): Promise<void> {
  // Small and written once per change: a synchronous write keeps the order with the nft call after it.
  if (path !== undefined) atomicWriteFileSync(path, previous);
  return Promise.resolve();
}

export async function clearPendingRollback(path: string | undefined): Promise<void> {
  if (path !== undefined) await rm(path, { force: true });
}

/** The previous policy objects (possibly none: empty text), or undefined when no change was pending. */
export async function readPendingRollback(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
