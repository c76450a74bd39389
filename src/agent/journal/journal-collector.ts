import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { AgentEvent } from '../../protocol/agents.ts';
import { loadCursor, saveCursor } from './cursor-store.ts';
import { createEntryScanner } from './entry-scanner.ts';
import { followArgs, type JournalSelection } from './journalctl-args.ts';
import { journalEvent, type JournalEvent } from './journal-event.ts';
import { lastEntryCursor } from './last-entry-cursor.ts';

export interface JournalCollectorOptions {
  /** Where the cursor of the last delivered entry is kept; written atomically after each delivery. */
  stateFile: string;
  /** First start only: read everything the journal holds, not only what comes next. */
  fromStart?: boolean;
  /** Default `journalctl`, looked up on PATH. */
  journalctlPath?: string;
  /** Only entries of these systemd units; default all. */
  units?: string[];
  /** Passed on to journalctl, e.g. `--directory=DIR` or `--file=FILE`. */
  extraArgs?: string[];
  /** A batch is delivered at this many entries (default 500) or this long after its first (default 100 ms). */
  batchSize?: number;
  batchMs?: number;
  /** Default 64 KiB, as for log files. Longer messages are delivered cut and flagged `truncated`. */
  maxLineBytes?: number;
  /** Waits before journalctl is started again after it exited: doubling from min to max (default 1 s to 60 s). */
  restartDelayMs?: { min: number; max: number };
  /** Called with entries in journal order; the cursor is saved only once it resolves. A rejection is retried. */
  deliver(events: AgentEvent[]): Promise<void>;
  /** Problems that do not stop collection: journalctl exiting or complaining, failed deliveries. */
  onWarning?: (message: string) => void;
}

export interface JournalCollector {
  /** Resolves once the starting point is known; on a first start at the end, it is saved by then. */
  start(): Promise<void>;
  /** Ends journalctl and waits for it and for the delivery in progress. */
  stop(): Promise<void>;
}

type Child = ChildProcessByStdio<null, Readable, Readable>;

interface Exit {
  /** Why it ended, for the warning; undefined when journalctl is not installed. */
  reason: string | undefined;
  ranMs: number;
}

const defaultBatchSize = 500;
const defaultBatchMs = 100;
const defaultMaxLineBytes = 64 * 1024;
const defaultRestartDelayMs = { min: 1000, max: 60_000 };
/** For fields other than MESSAGE: paths, command lines, identifiers. */
const maxFieldBytes = 4096;
const deliveryRetryMs = 1000;
const killAfterMs = 5000;
/** Distinct problems reported while nothing gets through; beyond it they are only counted by omission. */
const reportLimit = 50;

/**
 * Follows the journal through `journalctl -o json --follow`, so the agent needs no systemd
 * library. Exactly-once storage rests on two things: the cursor is saved only after the
 * entries up to it were delivered (appended to the spool), and an entry read again has the
 * same event id (see journal-event.ts).
 */
export function createJournalCollector(options: JournalCollectorOptions): JournalCollector {
  return new JournalctlCollector(options);
}

class JournalctlCollector implements JournalCollector {
  private readonly journalctl: string;
  private readonly selection: JournalSelection;
  private readonly batchSize: number;
  private readonly batchMs: number;
  private readonly maxLineBytes: number;
  private readonly restartDelayMs: { min: number; max: number };
  /**
   * Where the next journalctl starts: a cursor (its own entry is dropped), null for the start of
   * the journal, undefined while unknown. It moves with every entry received, ahead of the
   * saved cursor, so a restarted journalctl does not repeat entries still waiting for delivery.
   */
  private position: string | null | undefined;
  private readonly pending: JournalEvent[] = [];
  private child: Child | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly wakers = new Set<() => void>();
  private readonly abort = new AbortController();
  /** Problems already warned about since entries last got through, so a lasting one is reported once. */
  private readonly reported = new Set<string>();
  private started = false;
  private stopping = false;
  /** journalctl is not installed: collection stays off. */
  private off = false;
  private pumping = false;
  private pumped: Promise<void> = Promise.resolve();
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly options: JournalCollectorOptions) {
    this.journalctl = options.journalctlPath ?? 'journalctl';
    this.selection = { units: options.units ?? [], extraArgs: options.extraArgs ?? [] };
    this.batchSize = options.batchSize ?? defaultBatchSize;
    this.batchMs = options.batchMs ?? defaultBatchMs;
    this.maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes;
    this.restartDelayMs = options.restartDelayMs ?? defaultRestartDelayMs;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1)
      throw new RangeError('batchSize must be a positive integer');
    if (!Number.isSafeInteger(this.maxLineBytes) || this.maxLineBytes < 1) {
      throw new RangeError('maxLineBytes must be a positive integer');
    }
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('the journal collector was already started');
    this.started = true;
    await mkdir(dirname(this.options.stateFile), { recursive: true, mode: 0o700 });
    await this.findStart();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.abort.abort();
    for (const wake of this.wakers) wake();
    const child = this.child;
    let kill: NodeJS.Timeout | undefined;
    if (child !== undefined) {
      // A paused pipe would hold back the child's close event.
      child.stdout.resume();
      child.kill('SIGTERM');
      kill = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
    await this.loop;
    clearTimeout(kill);
    await this.pumped;
  }

  /** The saved cursor; on a first start, the journal's start (fromStart) or its current end, saved at once. */
  private async findStart(): Promise<void> {
    const loaded = await loadCursor(this.options.stateFile);
    if (loaded.state === 'saved') {
      this.position = loaded.cursor;
      return;
    }
    if (loaded.state === 'damaged') this.warn(`${loaded.problem}; journald collection starts over`);
    let position: string | null;
    try {
      position =
        this.options.fromStart === true
          ? null
          : await lastEntryCursor(this.journalctl, this.selection, this.abort.signal);
    } catch (error) {
      if (isMissing(error)) this.turnOff();
      else if (!this.stopping)
        this.report('end', `cannot find the end of the journal, retrying: ${describe(error)}`);
      return;
    }
    this.position = position;
    await this.persist(position);
  }

  private async run(): Promise<void> {
    let delayMs = this.restartDelayMs.min;
    while (this.running()) {
      if (this.position === undefined) {
        await this.sleep(delayMs);
        await this.findStart();
        continue;
      }
      const exit = await this.follow(this.position);
      if (this.stopping) break;
      if (exit.reason === undefined) {
        this.turnOff();
        break;
      }
      // A journalctl that ran for a good while was healthy: start the backoff over.
      if (exit.ranMs >= this.restartDelayMs.max) delayMs = this.restartDelayMs.min;
      this.report(`exit:${exit.reason}`, `${exit.reason}; starting it again in ${delayMs} ms`);
      await this.sleep(delayMs);
      delayMs = Math.min(delayMs * 2, this.restartDelayMs.max);
    }
  }

  /** A method, so that TypeScript does not assume the flags keep their values across awaits. */
  private running(): boolean {
    return !this.stopping && !this.off;
  }

  /** Runs one journalctl until it exits. */
  private follow(cursor: string | null): Promise<Exit> {
    const startedAt = Date.now();
    const child = spawn(this.journalctl, followArgs(this.selection, cursor), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const scanner = createEntryScanner({
      maxValueBytes: (field) => (field === 'MESSAGE' ? this.maxLineBytes * 4 + 16 : maxFieldBytes),
      onMalformed: (reason) =>
        this.report(
          `malformed:${reason}`,
          `journalctl printed a line that is not an entry (${reason}); skipped`,
        ),
    });
    // journalctl starts at the cursor's own entry, which was delivered already.
    let skip = cursor;
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.stopping) return;
      for (const entry of scanner.push(chunk)) {
        const converted = journalEvent(entry, this.maxLineBytes);
        if (converted === undefined) {
          this.report('no-cursor', 'journalctl printed an entry without __CURSOR; skipped');
          continue;
        }
        if (converted.cursor !== skip) this.receive(converted);
        skip = null;
      }
      if (this.pending.length >= this.batchSize) child.stdout.pause();
    });
    let lastError = '';
    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = (lines.pop() ?? '').slice(0, 500);
      for (const line of lines) {
        const trimmed = line.trim().slice(0, 500);
        if (trimmed === '') continue;
        lastError = trimmed;
        this.report(`stderr:${trimmed}`, `journalctl: ${trimmed}`);
      }
    });
    const failed: { error?: Error } = {};
    child.once('error', (error) => (failed.error = error));
    return new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.child = undefined;
        const ranMs = Date.now() - startedAt;
        if (failed.error !== undefined) {
          const reason = isMissing(failed.error)
            ? undefined
            : `cannot run journalctl: ${failed.error.message}`;
          resolve({ reason, ranMs });
        } else {
          const how = signal === null ? `exited with code ${code ?? '?'}` : `was killed by ${signal}`;
          resolve({ reason: `journalctl ${how}${lastError === '' ? '' : ` (${lastError})`}`, ranMs });
        }
      });
    });
  }

  private receive(converted: JournalEvent): void {
    this.pending.push(converted);
    this.position = converted.cursor;
    if (this.pumping) return;
    if (this.pending.length >= this.batchSize) this.pump();
    else this.timer ??= setTimeout(() => this.pump(), this.batchMs);
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pumping) return;
    this.pumping = true;
    this.pumped = this.drain();
  }

  /** Delivers batches until none is waiting; clears `pumping` with no await after the last check. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.stopping) {
      const batch = this.pending.slice(0, this.batchSize);
      try {
        await this.options.deliver(batch.map((entry) => entry.event));
      } catch (error) {
        this.report(
          'deliver',
          `delivering ${batch.length} journal entries failed, retrying: ${describe(error)}`,
        );
        await this.sleep(deliveryRetryMs);
        continue;
      }
      this.reported.clear();
      this.pending.splice(0, batch.length);
      if (this.pending.length < this.batchSize) this.child?.stdout.resume();
      await this.persist(batch[batch.length - 1]?.cursor ?? null);
    }
    this.pumping = false;
  }

  private async persist(cursor: string | null): Promise<void> {
    try {
      await saveCursor(this.options.stateFile, cursor);
    } catch (error) {
      this.report('save', `cannot save the journal cursor to ${this.options.stateFile}: ${describe(error)}`);
    }
  }

  private turnOff(): void {
    this.off = true;
    this.warn(`${this.journalctl} not found; journald entries are not collected (is systemd installed?)`);
  }

  /** Ends early when stop() is called. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopping) {
        resolve();
        return;
      }
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  private report(key: string, message: string): void {
    if (this.reported.has(key) || this.reported.size >= reportLimit) return;
    this.reported.add(key);
    this.warn(message);
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
