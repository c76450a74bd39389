import { watch, type FSWatcher } from 'node:fs';
import { errorCode } from './error-code.ts';
import { keyBytes, pathKey } from './path-key.ts';

export interface DirectoryWatches {
  /**
   * Watches exactly `directories` (path keys), each for changes to any entry in it, plus the
   * directory of each of `files` for changes to that name alone. Watches no longer wanted close.
   * Returns the directories it began to watch.
   */
  sync(directories: Iterable<string>, files: Iterable<string>): string[];
  close(): void;
}

/**
 * One non-recursive watch per directory. inotify reports changes to the entries of a watched
 * directory (content, metadata, creation, removal, renames), so this sees every change a
 * per-file watch would. Node 20's `recursive: true` on Linux is emulated in JavaScript with a
 * watcher and a retained Stats object per file, which cost the agent about 5 MB of heap and
 * blocked the event loop while it walked the tree synchronously (docs/benchmarks.md).
 */
export function createDirectoryWatches(
  onChange: (key: string) => void,
  warn: (message: string) => void,
): DirectoryWatches {
  /** By directory key; `names` limits a watch to some entries (file roots), none means all. */
  const watches = new Map<string, { watcher: FSWatcher; names: Set<string> | undefined }>();
  /** Reported once each, until they can be watched again. */
  const failed = new Set<string>();

  const open = (directory: string, names: Set<string> | undefined): boolean => {
    const bytes = keyBytes(directory);
    const prefix = directory === '/' ? bytes : Buffer.concat([bytes, slash]);
    try {
      const watcher = watch(bytes, { persistent: false, encoding: 'buffer' }, (_event, name) => {
        // Names come as bytes so that a name that is not UTF-8 still maps to its exact key.
        const child = (entry: Buffer) => pathKey(Buffer.concat([prefix, entry]));
        if (name && (!names || names.has(pathKey(name)))) onChange(child(name));
        // No name: the directory itself changed (removed, renamed, chmodded). A watch kept only
        // for some files reports those, never the directory: it may be "/", whose rescan would
        // walk the whole file system.
        else if (!name && !names) onChange(directory);
        else if (!name && names) for (const entry of names) onChange(child(keyBytes(entry)));
      });
      watcher.on('error', (error) => {
        warn(`FIM stopped watching ${directory}: ${String(error)}`);
        watcher.close();
        watches.delete(directory);
      });
      watches.set(directory, { watcher, names });
      failed.delete(directory);
      return true;
    } catch (error) {
      // A directory removed since the scan is noticed through its parent; a missing parent of a
      // file root is normal (no ~/.ssh yet), and the next full scan tries again.
      if (errorCode(error) !== 'ENOENT' && !failed.has(directory)) {
        failed.add(directory);
        warn(`FIM cannot watch ${directory}: ${errorCode(error) ?? String(error)}`);
      }
      return false;
    }
  };

  return {
    sync(directories, files) {
      const wanted = new Map<string, Set<string> | undefined>();
      for (const directory of directories) wanted.set(directory, undefined);
      for (const file of files) {
        const bytes = keyBytes(file);
        const cut = bytes.lastIndexOf(slash);
        if (cut < 0) continue;
        const parent = pathKey(cut === 0 ? slash : bytes.subarray(0, cut));
        const name = pathKey(bytes.subarray(cut + 1));
        if (wanted.has(parent) && !wanted.get(parent)) continue;
        wanted.set(parent, (wanted.get(parent) ?? new Set()).add(name));
      }
      for (const [directory, watch] of watches) {
        if (wanted.has(directory) && sameNames(watch.names, wanted.get(directory))) continue;
        watch.watcher.close();
        watches.delete(directory);
      }
      const opened: string[] = [];
      for (const [directory, names] of wanted) {
        if (!watches.has(directory) && open(directory, names)) opened.push(directory);
      }
      return opened;
    },
    close() {
      for (const { watcher } of watches.values()) watcher.close();
      watches.clear();
    },
  };
}

function sameNames(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (!a || !b) return a === b;
  return a.size === b.size && [...a].every((name) => b.has(name));
}

const slash = Buffer.from('/');
