import { loadBaseline, saveBaseline } from './baseline-file.ts';
import { compileIgnore, type IgnorePattern } from './compile-ignore.ts';
import { diffStates } from './diff-states.ts';
import { createDirectoryWatches } from './directory-watches.ts';
import { expandRoots } from './expand-roots.ts';
import type { FileStates } from './file-states.ts';
import type { FimChange } from './fim-change.ts';
import { rootKey, scanTree } from './scan-tree.ts';

export interface FimMonitorOptions {
  /** Absolute paths; `*` and `?` expand within a segment (see expand-roots.ts). */
  paths: readonly string[];
  ignore: readonly IgnorePattern[];
  /** The baseline, JSON, replaced atomically after each delivery. */
  stateFile: string;
  /** Full rescans, which catch what watching misses; 0 turns them off (the scan at start stays). */
  scanIntervalMs: number;
  /** Watch events are gathered this long, then only the touched paths are rescanned. Default 200. */
  debounceMs?: number;
  /** The baseline moves on only once this resolves; after a rejection the next scan reports again. */
  onChanges(changes: FimChange[]): Promise<void>;
  onWarning?: (message: string) => void;
}

export interface FimMonitor {
  /** Once per monitor: loads the baseline and scans; resolves once changes made while stopped are delivered. */
  start(): Promise<void>;
  /** Stops watching and waits for the scan in progress. Events not yet rescanned wait for the next start. */
  stop(): Promise<void>;
  /** A full scan now, after any scan in progress (a remote `fim.scan` task); resolves once its changes are delivered. */
  scanNow(): Promise<void>;
}

/**
 * The first start records a baseline and reports nothing; later starts report what changed while
 * the monitor was stopped. Full scans and rescans of touched paths run one at a time, so each
 * compares against the baseline the previous one left.
 */
export function createFimMonitor(options: FimMonitorOptions): FimMonitor {
  const warn = options.onWarning ?? (() => undefined);
  // The state file may sit under a watched path; its own writes are not changes.
  const ignore = [...options.ignore, new RegExp(`^${escapeRegExp(options.stateFile)}(?:\\.tmp)?$`)];
  const ignored = compileIgnore(ignore);
  const scan = (roots: readonly string[]) => scanTree(roots, { ignore, onWarning: warn });
  const touched = new Set<string>();
  let baseline: FileStates | undefined;
  let roots: string[] = [];
  let queue: Promise<void> = Promise.resolve();
  let fullScanQueued = false;
  let debounce: NodeJS.Timeout | undefined;
  let interval: NodeJS.Timeout | undefined;
  let stopped = false;

  const exclusive = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  /**
   * Watches every directory in the baseline and, for roots that are not directories (one file,
   * or a path that does not exist yet), their parent directory for that name. Roots missing now
   * are tried again after the next full scan. Returns the directories newly watched.
   */
  const watchBaseline = (): string[] => {
    if (stopped || !baseline) return [];
    const current = baseline;
    return watches.sync(
      current.directories(),
      roots.map(rootKey).filter((key) => current.get(key)?.type !== 'dir'),
    );
  };

  /** Delivers, then applies the changes to the baseline and saves it. */
  const commit = async (changes: FimChange[], base: FileStates): Promise<void> => {
    if (changes.length === 0) return;
    await options.onChanges(changes);
    for (const change of changes) {
      if (change.after) base.set(change.path, change.after);
      else base.delete(change.path);
    }
    await saveBaseline(options.stateFile, base);
  };

  const fullScan = async (): Promise<void> => {
    fullScanQueued = false;
    roots = await expandRoots(options.paths);
    // Watching before the scan catches changes made while it runs (a baseline exists after the first start).
    watchBaseline();
    const next = await scan(roots);
    if (baseline) await commit(diffStates(baseline, next), baseline);
    else {
      baseline = next;
      await saveBaseline(options.stateFile, baseline);
    }
    watchBaseline();
  };

  /** Rescans each touched path and what is below it; a path now missing takes its subtree with it. */
  const rescan = async (paths: string[]): Promise<void> => {
    if (!baseline) return;
    const before = baseline.subset((key) => paths.some((path) => key === path || key.startsWith(`${path}/`)));
    await commit(diffStates(before, await scan(paths)), baseline);
    // What was made in a new directory before its watch began is found by looking once more.
    for (const directory of watchBaseline()) touch(directory);
  };

  const touch = (path: string): void => {
    if (stopped || ignored(path)) return;
    touched.add(path);
    // A fixed window rather than a sliding one: a file written continuously is still rescanned.
    debounce ??= setTimeout(() => {
      debounce = undefined;
      const paths = [...touched];
      touched.clear();
      exclusive(() => rescan(paths)).catch((error: unknown) => warn(`FIM rescan failed: ${String(error)}`));
    }, options.debounceMs ?? 200);
  };
  const watches = createDirectoryWatches(touch, warn);

  return {
    async start() {
      baseline = await loadBaseline(options.stateFile);
      fullScanQueued = true;
      await exclusive(fullScan);
      // stop() may have been called while the first scan ran.
      if (!stopped && options.scanIntervalMs > 0) {
        interval = setInterval(() => {
          // A scan slower than the interval must not pile up behind itself.
          if (fullScanQueued) return;
          fullScanQueued = true;
          exclusive(fullScan).catch((error: unknown) => warn(`FIM scan failed: ${String(error)}`));
        }, options.scanIntervalMs);
      }
    },
    async scanNow() {
      if (stopped) throw new Error('file integrity monitoring is stopped');
      await exclusive(fullScan);
    },
    async stop() {
      stopped = true;
      clearInterval(interval);
      clearTimeout(debounce);
      debounce = undefined;
      touched.clear();
      watches.close();
      await queue;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
