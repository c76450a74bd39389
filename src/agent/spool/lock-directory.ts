import { link, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DirectoryLock {
  release(): Promise<void>;
}

/** Lock files this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes `<dir>/<name>` for this process, or fails with a message naming the holder.
 *
 * The lock file is written under a private name and then hard-linked into place, so it is never
 * seen empty: an unreadable or garbled lock can only be left by a crash, and is stale. A lock
 * whose pid is dead is stale too. Stale locks are renamed aside before they are removed, and put
 * back if what was renamed turns out to be a fresh lock another starter took in the meantime.
 *
 * Caveat: liveness is judged by pid alone, so a dead agent's pid reused by an unrelated process
 * keeps the lock held until someone removes the file (the error says which file). Our own pid in
 * the file is stale when this process does not hold it: containers restart with the same pids.
 */
export async function lockDirectory(dir: string, name: string): Promise<DirectoryLock> {
  const lockPath = join(await realpath(dir), name);
  if (heldHere.has(lockPath)) throw new Error(`${lockPath} is already held by this process`);
  const content = `${process.pid}\n`;
  const ours = `${lockPath}.${process.pid}.tmp`;
  await writeFile(ours, content, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (await tryLink(ours, lockPath)) {
        heldHere.add(lockPath);
        return { release: () => release(lockPath, content) };
      }
      const holder = await readIfPresent(lockPath);
      if (holder === undefined) continue;
      const pid = /^(\d+)\n$/.exec(holder)?.[1];
      if (pid !== undefined && isAlive(Number(pid))) {
        throw new Error(
          `${lockPath} is held by running process ${pid}: only one agent may use this spool (remove the file if that process is not an agent)`,
        );
      }
      await removeStale(lockPath, holder);
    }
    throw new Error(`${lockPath}: gave up taking the lock while other processes kept changing it`);
  } finally {
    await unlink(ours).catch(() => undefined);
  }
}

async function release(lockPath: string, content: string): Promise<void> {
  heldHere.delete(lockPath);
  // Removing a lock someone else has taken over would let a third process in beside them.
  if ((await readIfPresent(lockPath)) === content) await unlink(lockPath);
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function removeStale(lockPath: string, staleContent: string): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((await readIfPresent(aside)) !== staleContent) await tryLink(aside, lockPath);
  await unlink(aside);
}

function isAlive(pid: number): boolean {
  // Pid 0 would signal our own process group and look alive.
  if (pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
