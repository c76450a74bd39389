import { createHash } from 'node:crypto';
import { constants, type BigIntStats } from 'node:fs';
import { lstat, open, readlink } from 'node:fs/promises';
import { errorCode } from './error-code.ts';
import type { FileState } from './file-state.ts';
import { pathKey } from './path-key.ts';

/*
 * O_NOFOLLOW: a file swapped for a symlink between lstat and open is not followed.
 * O_NONBLOCK: one swapped for a FIFO does not hang the scan waiting for a writer.
 */
const openFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Gone mid-scan, or replaced by a symlink after lstat: record nothing, the next look sees it. */
const vanished = new Set(['ENOENT', 'ENOTDIR', 'ELOOP']);

/**
 * The state of one path, never following it, or undefined when it is gone. Regular files are
 * hashed through the descriptor that was checked, and their metadata comes from that descriptor,
 * so the hash and the metadata describe the same file. A file that exists but cannot be read is
 * recorded without its hash (and reported through `onWarning`): its metadata is still evidence.
 */
export async function readFileState(
  path: Buffer,
  buffer: Buffer,
  onWarning: (message: string) => void,
): Promise<FileState | undefined> {
  const failed = (action: string, error: unknown): undefined => {
    const code = errorCode(error);
    if (!vanished.has(code ?? '')) onWarning(`cannot ${action} ${pathKey(path)}: ${code ?? String(error)}`);
    return undefined;
  };
  let stats: BigIntStats;
  try {
    stats = await lstat(path, { bigint: true });
  } catch (error) {
    return failed('stat', error);
  }
  if (stats.isSymbolicLink()) {
    try {
      return { ...describe(stats), linkTarget: pathKey(await readlink(path, { encoding: 'buffer' })) };
    } catch (error) {
      return failed('read link', error);
    }
  }
  // Sockets, FIFOs and devices are recorded but never opened.
  if (!stats.isFile()) return describe(stats);
  let handle;
  try {
    handle = await open(path, openFlags);
  } catch (error) {
    if (vanished.has(errorCode(error) ?? '')) return undefined;
    failed('open', error);
    return describe(stats);
  }
  try {
    const opened = await handle.stat({ bigint: true });
    if (!opened.isFile()) return describe(opened);
    const hash = createHash('sha256');
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return { ...describe(opened), sha256: hash.digest('hex') };
  } catch (error) {
    failed('read', error);
    return describe(stats);
  } finally {
    await handle.close();
  }
}

function describe(stats: BigIntStats): FileState {
  return {
    type: stats.isFile()
      ? 'file'
      : stats.isDirectory()
        ? 'dir'
        : stats.isSymbolicLink()
          ? 'symlink'
          : 'other',
    size: Number(stats.size),
    mode: (Number(stats.mode) & 0o7777).toString(8).padStart(4, '0'),
    uid: Number(stats.uid),
    gid: Number(stats.gid),
    mtimeMs: Number(stats.mtimeNs / 1000n) / 1000,
    ctimeMs: Number(stats.ctimeNs / 1000n) / 1000,
    inode: stats.ino.toString(),
  };
}
