import { constants, type BigIntStats } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readAnchor } from './content-anchor.ts';
import { expandGlobs } from './expand-globs.ts';
import { readFingerprint } from './file-fingerprint.ts';
import { lineId } from './line-id.ts';
import { loadOffsets, saveOffsets, type FileOffset, type RetiredFile } from './offset-store.ts';
import { readLines, type ReadPosition } from './read-lines.ts';

export interface TailedLine {
  /** Deterministic: the same line read again after a crash has the same id (see line-id.ts). */
  id: string;
  /** The path the file was first tailed under, also after it was rotated away. */
  path: string;
  /** Without its newline; invalid UTF-8 is replaced with U+FFFD, NULs are kept. */
  line: string;
  /** Byte offset of the line start. */
  offset: number;
  /** The line was longer than maxLineBytes: this is its head, the rest was skipped. */
  truncated: boolean;
}

export interface FileTailer {
  /** Resolves once the files present are found (with startAtEnd, what they hold by then is skipped). */
  start(): Promise<void>;
  /** Waits for the poll in progress (and its delivery) to finish, then closes every file. */
  stop(): Promise<void>;
}

export interface FileTailerOptions {
  /** Absolute or relative to the working directory, e.g. `/var/log/nginx/*.log`. */
  globs: string[];
  /** Where delivered offsets are kept; written atomically after each delivery. */
  stateFile: string;
  /** Default 250. Polling alone is relied on: no file-system notifications. */
  pollIntervalMs?: number;
  /** Default 64 KiB. Longer lines are delivered truncated, flagged, and the rest skipped. */
  maxLineBytes?: number;
  /**
   * For files found by the first scan with no saved offset: skip what they already hold
   * (default false: read them from the beginning). Files that appear later are always read from
   * the beginning, since everything in them is new.
   */
  startAtEnd?: boolean;
  /**
   * How long a rotated or deleted file stays open after it last grew (default 5000), because
   * writers keep appending to the old inode until they reopen their log (nginx after USR1).
   */
  closeRotatedAfterMs?: number;
  /** Called with complete lines in file order; offsets are saved only once it resolves. A rejection is retried. */
  deliver(lines: TailedLine[]): Promise<void>;
  /** Problems that do not stop tailing: a damaged offsets file, unreadable files, failed deliveries. */
  onWarning?: (message: string) => void;
}

interface TrackedFile {
  /** `dev:ino`, which follows the file through renames. */
  inode: string;
  dev: bigint;
  ino: bigint;
  path: string;
  handle: FileHandle;
  /** Unknown until the first line is complete; nothing can be delivered before then. */
  fingerprint: string | undefined;
  /** How often this inode's content was found truncated or replaced; part of every line id. */
  generation: number;
  /** Delivered up to here. */
  position: ReadPosition;
  /** Checks that the delivered bytes are still there (see content-anchor.ts). */
  anchor: string;
  /** Where to begin when no saved offset applies, decided when the file was found. */
  initial: ReadPosition;
  /** Some matched path still leads to this file; otherwise it was rotated away or deleted. */
  attached: boolean;
  size: number;
  lastChangeAt: number;
  /** The last poll read it and delivered everything complete it held. */
  drained: boolean;
}

const defaultPollIntervalMs = 250;
const defaultMaxLineBytes = 64 * 1024;
const fingerprintBytes = 1024;
const batchLines = 1000;
const batchBytes = 4 * 1024 * 1024;
const defaultCloseRotatedAfterMs = 5000;
const rotatedSuffix = '.1';
/** Inodes are reused soon after they are freed, so the most recent retirements are the ones that matter. */
const retiredLimit = 1000;

export function createFileTailer(options: FileTailerOptions): FileTailer {
  return new PollingTailer(options);
}

class PollingTailer implements FileTailer {
  private readonly files = new Map<string, TrackedFile>();
  private readonly pathToInode = new Map<string, string>();
  /** Offsets loaded at start and not yet matched to an open file, by inode. */
  private readonly saved = new Map<string, FileOffset>();
  /**
   * Files let go of, by inode, oldest first. File systems hand a freed inode to the next new file,
   * which may well start with the same banner line: without this its lines would get the ids of
   * the deleted file's lines and be dropped by the server as duplicates.
   */
  private readonly retired = new Map<string, RetiredFile>();
  private readonly unreadable = new Set<string>();
  /** Inodes whose last read failed, so a lasting failure is reported once. */
  private readonly failing = new Set<string>();
  private readonly buffer: Buffer;
  private readonly pollIntervalMs: number;
  private readonly maxLineBytes: number;
  private readonly closeRotatedAfterMs: number;
  private started = false;
  private firstScan = true;
  private dirty = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: FileTailerOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? defaultPollIntervalMs;
    this.maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes;
    this.closeRotatedAfterMs = options.closeRotatedAfterMs ?? defaultCloseRotatedAfterMs;
    if (!Number.isSafeInteger(this.maxLineBytes) || this.maxLineBytes < 1) {
      throw new RangeError('maxLineBytes must be a positive integer');
    }
    if (!(this.pollIntervalMs > 0)) throw new RangeError('pollIntervalMs must be positive');
    this.buffer = Buffer.alloc(Math.max(256 * 1024, this.maxLineBytes + 2));
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('the tailer was already started');
    this.started = true;
    await mkdir(dirname(this.options.stateFile), { recursive: true, mode: 0o700 });
    const loaded = await loadOffsets(this.options.stateFile);
    if (loaded.problem !== undefined) {
      this.warn(`${loaded.problem}; tailing starts over from the start positions`);
    }
    for (const offset of loaded.files) this.saved.set(offset.inode, offset);
    for (const retired of loaded.retired) this.retired.set(retired.inode, retired);
    try {
      await this.find(Date.now());
    } catch (error) {
      this.warn(`finding files failed, retrying: ${describe(error)}`);
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    if (this.dirty) await this.persist();
    for (const file of this.files.values()) await file.handle.close();
    this.files.clear();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let more = false;
      try {
        more = await this.poll();
      } catch (error) {
        this.warn(`tailing failed, retrying: ${describe(error)}`);
      }
      if (!more) await this.sleep();
    }
  }

  /** Ends early when stop() is called, also if that happened while the poll was running. */
  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopping) {
        resolve();
        return;
      }
      const timer = setTimeout(resolve, this.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One round: find files, read what is new, deliver it, save offsets. True if more is waiting. */
  private async poll(): Promise<boolean> {
    const now = Date.now();
    await this.find(now);
    const lines: TailedLine[] = [];
    const advanced: { file: TrackedFile; position: ReadPosition; anchor: string }[] = [];
    let consumed = 0;
    let more = false;
    const visited: { file: TrackedFile; more: boolean }[] = [];
    for (const file of this.readingOrder()) {
      file.drained = false;
      if (lines.length >= batchLines || consumed >= batchBytes) {
        more = true;
        continue;
      }
      let fingerprint: string | undefined;
      let result: Awaited<ReturnType<typeof readLines>>;
      try {
        fingerprint = await this.refresh(file, now);
        if (fingerprint === undefined || file.size <= file.position.offset) {
          file.drained = true;
          continue;
        }
        result = await readLines(file.handle, file.position, {
          maxLineBytes: this.maxLineBytes,
          buffer: this.buffer,
          maxLines: batchLines - lines.length,
          maxBytes: batchBytes - consumed,
        });
        if (result.position.offset !== file.position.offset) {
          advanced.push({
            file,
            position: result.position,
            anchor: await readAnchor(file.handle, result.position.offset),
          });
        }
        this.failing.delete(file.inode);
      } catch (error) {
        // One unreadable file (an I/O error, a vanished mount) must not hold up the others.
        if (!this.failing.has(file.inode)) this.warn(`cannot read ${file.path}: ${describe(error)}`);
        this.failing.add(file.inode);
        continue;
      }
      for (const raw of result.lines) {
        lines.push({ id: lineId(fingerprint, file.generation, raw.offset), path: file.path, ...raw });
      }
      consumed += result.position.offset - file.position.offset;
      visited.push({ file, more: result.more });
      more ||= result.more;
    }
    if (await this.deliver(lines)) {
      for (const { file, position, anchor } of advanced) {
        file.position = position;
        file.anchor = anchor;
      }
      for (const { file, more: left } of visited) file.drained = !left;
      if (advanced.length > 0) this.dirty = true;
    } else {
      more = false;
    }
    await this.closeIdle(now);
    if (this.dirty) await this.persist();
    return more;
  }

  private async find(now: number): Promise<void> {
    await this.scan(now);
    if (this.firstScan) {
      await this.reopenRotatedWhileStopped(now);
      this.firstScan = false;
    }
  }

  private async deliver(lines: TailedLine[]): Promise<boolean> {
    if (lines.length === 0) return true;
    try {
      await this.options.deliver(lines);
      return true;
    } catch (error) {
      this.warn(`delivering ${lines.length} lines failed; they will be read again: ${describe(error)}`);
      return false;
    }
  }

  /** Matches the globs and ties each path to the file now behind it. */
  private async scan(now: number): Promise<void> {
    const matched = new Set<string>();
    for (const path of await expandGlobs(this.options.globs)) {
      let inode: string;
      try {
        const stats = await stat(path, { bigint: true });
        if (!stats.isFile()) continue;
        inode = `${stats.dev}:${stats.ino}`;
      } catch {
        continue;
      }
      const file = this.files.get(inode) ?? (await this.track(path, now));
      if (file === undefined) continue;
      this.pathToInode.set(path, file.inode);
      matched.add(path);
    }
    for (const path of this.pathToInode.keys()) if (!matched.has(path)) this.pathToInode.delete(path);
    const attached = new Set(this.pathToInode.values());
    for (const file of this.files.values()) {
      if (file.attached && !attached.has(file.inode)) file.lastChangeAt = now;
      file.attached = attached.has(file.inode);
    }
  }

  /** Opens a newly found file; undefined if it cannot be read (warned once per path). */
  private async track(path: string, now: number, asPath = path): Promise<TrackedFile | undefined> {
    let handle: FileHandle;
    try {
      // O_NONBLOCK: if a FIFO is swapped in after the stat, opening it must not hang the tailer.
      handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      if (!this.unreadable.has(path)) this.warn(`cannot open ${path}: ${describe(error)}`);
      this.unreadable.add(path);
      return undefined;
    }
    this.unreadable.delete(path);
    let stats: BigIntStats;
    let initial: ReadPosition = { offset: 0, skipping: false };
    try {
      stats = await handle.stat({ bigint: true });
      const existing = this.files.get(`${stats.dev}:${stats.ino}`);
      if (!stats.isFile() || existing !== undefined) {
        await handle.close();
        return existing;
      }
      if (this.firstScan && this.options.startAtEnd === true) {
        initial = await endOf(handle, Number(stats.size));
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    const inode = `${stats.dev}:${stats.ino}`;
    const file: TrackedFile = {
      inode,
      dev: stats.dev,
      ino: stats.ino,
      path: asPath,
      handle,
      fingerprint: undefined,
      generation: 0,
      position: { offset: 0, skipping: false },
      anchor: '',
      initial,
      attached: true,
      size: Number(stats.size),
      lastChangeAt: now,
      drained: false,
    };
    this.files.set(inode, file);
    return file;
  }

  /**
   * A file rotated while the agent was stopped is no longer matched, but its unread tail would
   * be lost; logrotate's default `<name>.1` is checked for the inode the offsets name.
   */
  private async reopenRotatedWhileStopped(now: number): Promise<void> {
    for (const saved of this.saved.values()) {
      if (this.files.has(saved.inode)) continue;
      const candidate = `${saved.path}${rotatedSuffix}`;
      try {
        const stats = await stat(candidate, { bigint: true });
        if (!stats.isFile() || `${stats.dev}:${stats.ino}` !== saved.inode) continue;
      } catch {
        continue;
      }
      const file = await this.track(candidate, now, saved.path);
      if (file !== undefined) file.attached = false;
    }
    for (const saved of this.saved.values()) if (!this.files.has(saved.inode)) this.retire(saved);
    this.dirty = true;
  }

  /**
   * Rotated files first: their lines are older than those of the file that replaced them. Then
   * by path in code-unit order; localeCompare would load ICU's collation tables (MBs resident)
   * for an order that only has to be stable.
   */
  private readingOrder(): TrackedFile[] {
    return [...this.files.values()].sort(
      (a, b) => Number(a.attached) - Number(b.attached) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
  }

  /**
   * Brings a file's identity up to date before reading and returns its fingerprint, or
   * undefined while it has none. Content found truncated (size below the delivered offset) or
   * replaced (first line or the bytes before the offset changed) is read again from byte 0
   * under the next generation, so its ids cannot collide with those of the lines it replaced.
   * Saved offsets go through the same checks on a restart, so lines re-read after a crash get
   * the ids they were first delivered with.
   */
  private async refresh(file: TrackedFile, now: number): Promise<string | undefined> {
    const size = Number((await file.handle.stat({ bigint: true })).size);
    if (size !== file.size) {
      file.size = size;
      file.lastChangeAt = now;
    }
    const current = await readFingerprint(file.handle, file, Math.min(fingerprintBytes, this.maxLineBytes));
    if (current === undefined) return undefined;
    let known = file.fingerprint;
    if (known === undefined) {
      const saved = this.saved.get(file.inode);
      const retired = this.retired.get(file.inode);
      this.saved.delete(file.inode);
      this.retired.delete(file.inode);
      if (saved === undefined) {
        file.position = file.initial;
        file.anchor = await readAnchor(file.handle, file.initial.offset);
        file.generation = retired === undefined ? 0 : retired.generation + 1;
        known = current;
      } else {
        file.path = saved.path;
        file.generation = saved.generation;
        file.position = { offset: saved.offset, skipping: saved.skipping };
        file.anchor = saved.anchor;
        known = saved.fingerprint;
      }
      file.fingerprint = current;
      this.dirty = true;
    }
    const replaced =
      current !== known ||
      size < file.position.offset ||
      (await readAnchor(file.handle, file.position.offset)) !== file.anchor;
    if (replaced) {
      file.fingerprint = current;
      file.generation += 1;
      file.position = { offset: 0, skipping: false };
      file.anchor = '';
      this.dirty = true;
    }
    return current;
  }

  /**
   * Lets go of rotated and deleted files once they are read out and have stopped growing. An
   * incomplete last line in them will never be finished, so it is given up, with a warning.
   */
  private async closeIdle(now: number): Promise<void> {
    for (const file of [...this.files.values()]) {
      if (file.attached || !file.drained || now - file.lastChangeAt < this.closeRotatedAfterMs) continue;
      const left = file.size - file.position.offset;
      if (file.fingerprint !== undefined && left > 0 && !file.position.skipping) {
        this.warn(
          `${file.path} was rotated or deleted with an incomplete last line; its ${left} bytes are not delivered`,
        );
      }
      await file.handle.close();
      this.files.delete(file.inode);
      this.failing.delete(file.inode);
      if (file.fingerprint !== undefined) this.retire({ ...file, fingerprint: file.fingerprint });
      this.dirty = true;
    }
  }

  private async persist(): Promise<void> {
    const offsets: FileOffset[] = [];
    for (const file of this.files.values()) {
      if (file.fingerprint === undefined) continue;
      const { inode, path, fingerprint, generation, position, anchor } = file;
      offsets.push({ inode, fingerprint, path, generation, ...position, anchor });
    }
    // A tracked file whose first line is incomplete again (truncated while we were stopped)
    // keeps its old offset, so its next generation is still counted from it.
    for (const saved of this.saved.values()) if (this.files.has(saved.inode)) offsets.push(saved);
    try {
      await saveOffsets(this.options.stateFile, { files: offsets, retired: [...this.retired.values()] });
      this.dirty = false;
    } catch (error) {
      this.warn(`cannot save offsets to ${this.options.stateFile}: ${describe(error)}`);
    }
  }

  private retire({ inode, fingerprint, generation }: RetiredFile): void {
    this.saved.delete(inode);
    this.retired.delete(inode);
    this.retired.set(inode, { inode, fingerprint, generation });
    for (const oldest of this.retired.keys()) {
      if (this.retired.size <= retiredLimit) break;
      this.retired.delete(oldest);
    }
    this.dirty = true;
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}

/** Starting at the end must not deliver the tail of a line already being written as a line. */
async function endOf(handle: FileHandle, size: number): Promise<ReadPosition> {
  if (size === 0) return { offset: 0, skipping: false };
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return { offset: size, skipping: last[0] !== 0x0a };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
