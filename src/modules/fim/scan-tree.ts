import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { compileIgnore, type IgnorePattern } from './compile-ignore.ts';
import { createBufferSlots } from './create-buffer-slots.ts';
import { errorCode } from './error-code.ts';
import { FileStates } from './file-states.ts';
import { invalidPrefix, keyBytes, pathKey } from './path-key.ts';
import { readFileState } from './read-file-state.ts';

export interface ScanOptions {
  ignore?: readonly IgnorePattern[];
  /** Stop recording past this many paths (reported through onWarning): a bound on memory. */
  maxFiles?: number;
  /** Only `false`: links are recorded with their target, never followed. */
  followSymlinks?: false;
  /** Files read at once; default two per CPU, so one waits on the disk while another hashes. */
  concurrency?: number;
  onWarning?: (message: string) => void;
}

/** 1 MiB reads: few system calls per file, and small enough that a few dozen slots stay cheap. */
const chunkBytes = 1 << 20;

/**
 * Walks each root without following symlinks and returns the state of every path found, keyed by
 * path key (see path-key.ts). Files that vanish mid-walk are left out; unreadable directories are
 * recorded without their contents; neither stops the scan.
 */
export async function scanTree(roots: readonly string[], options: ScanOptions = {}): Promise<FileStates> {
  const ignored = compileIgnore(options.ignore ?? []);
  const warn = options.onWarning ?? (() => undefined);
  const maxFiles = options.maxFiles ?? Number.POSITIVE_INFINITY;
  const slots = createBufferSlots(options.concurrency ?? availableParallelism() * 2, chunkBytes);
  const states = new FileStates();
  let skipped = 0;

  // Slots are held for one file-system call at a time and released before recursing, so the
  // walk cannot deadlock on its own children.
  const visit = async (path: Buffer): Promise<void> => {
    const key = pathKey(path);
    if (ignored(key)) return;
    const state = await slots.run((buffer) => readFileState(path, buffer, warn));
    if (!state) return;
    if (states.size >= maxFiles) {
      skipped += 1;
      return;
    }
    states.set(key, state);
    if (state.type !== 'dir') return;
    let names: Buffer[];
    try {
      names = await slots.run(() => readdir(path, { encoding: 'buffer' }));
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') warn(`cannot list ${key}: ${code ?? String(error)}`);
      return;
    }
    const prefix = path.length === 1 ? path : Buffer.concat([path, slash]);
    await Promise.all(names.map((name) => visit(Buffer.concat([prefix, name]))));
  };

  await Promise.all(roots.map((root) => visit(keyBytes(rootKey(root)))));
  if (skipped > 0)
    warn(`maxFiles (${maxFiles}) reached: ${skipped} paths and whatever is below them are not monitored`);
  return states;
}

/** The key a root is recorded under. resolve() also drops a trailing "/", so keys found from a root match those found from its parent. */
export function rootKey(root: string): string {
  return root.startsWith(invalidPrefix) ? root : resolve(root);
}

const slash = Buffer.from('/');
