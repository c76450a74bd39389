import { mkdir, open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from '../atomic-write.ts';
import { lockDirectory, type DirectoryLock } from './lock-directory.ts';
import { decodeRecordLine, encodeRecordLine } from './record-line.ts';
import { scanSegment } from './scan-segment.ts';
import { readSpoolState, writeSpoolState, type SpoolState } from './spool-state.ts';

/** JSON-serialisable; the producer assigns `id`, which the server dedups on. */
export interface SpoolEvent {
  id: string;
  [key: string]: unknown;
}

export interface SpoolRecord {
  seq: number;
  event: SpoolEvent;
}

export interface SpoolStats {
  pendingEvents: number;
  pendingBytes: number;
  dropped: number;
  nextSeq: number;
}

export interface Spool {
  /**
   * Accepts the longest prefix of `events` that fits under `maxBytes` and drops the rest, so
   * order is kept and a full spool never blocks. Accepted events are on disk (and synced, unless
   * `fsync: false`) when the promise resolves.
   */
  append(events: SpoolEvent[]): Promise<{ accepted: number; dropped: number }>;
  /** The oldest unacknowledged records in order; at least one when any is pending, whatever its size. */
  peek(maxEvents: number, maxBytes: number): Promise<SpoolRecord[]>;
  /** Durably marks every record up to `throughSeq` as delivered and deletes segments left empty. */
  ack(throughSeq: number): Promise<void>;
  stats(): SpoolStats;
  close(): Promise<void>;
}

export interface SpoolOptions {
  /** Upper bound on the bytes of unacknowledged records. */
  maxBytes: number;
  /** A segment file is closed for appends once it reaches this size (default 8 MiB). */
  segmentBytes?: number;
  /** Sync each append before resolving (default true). Acks and drop counts are always synced. */
  fsync?: boolean;
  /** Called with the number of events just dropped because the spool is full. */
  onFull?: (dropped: number) => void;
}

interface Segment {
  firstSeq: number;
  path: string;
  size: number;
  seqs: number[];
  starts: number[];
  ends: number[];
  /** Index of the first record not yet acknowledged. */
  head: number;
}

const segmentPattern = /^segment-(\d{16})\.log$/;
const stateFileName = 'spool-state.json';
const lockFileName = 'spool.lock';
const defaultSegmentBytes = 8 * 1024 * 1024;

function segmentName(firstSeq: number): string {
  return `segment-${String(firstSeq).padStart(16, '0')}.log`;
}

/**
 * Opens (creating if needed) the spool in `dir`, taking its lock. Segments are scanned and only
 * intact records are kept; a torn tail of the newest segment is cut off so appends continue
 * after the last whole record.
 */
export async function openSpool(dir: string, options: SpoolOptions): Promise<Spool> {
  if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0) {
    throw new RangeError('spool maxBytes must be a positive integer');
  }
  const segmentBytes = options.segmentBytes ?? defaultSegmentBytes;
  if (!Number.isSafeInteger(segmentBytes) || segmentBytes <= 0) {
    throw new RangeError('spool segmentBytes must be a positive integer');
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lock = await lockDirectory(dir, lockFileName);
  try {
    const state = (await readSpoolState(join(dir, stateFileName))) ?? { ackedThrough: 0, dropped: 0 };
    const segments = await recoverSegments(dir, state.ackedThrough);
    return new FileSpool(dir, lock, segments, state, {
      ...options,
      segmentBytes,
      fsync: options.fsync ?? true,
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function recoverSegments(dir: string, ackedThrough: number): Promise<Segment[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found = entries
    .filter((entry) => entry.isFile())
    .flatMap((entry) => {
      const match = segmentPattern.exec(entry.name);
      return match?.[1] === undefined ? [] : [{ firstSeq: Number(match[1]), path: join(dir, entry.name) }];
    })
    .sort((a, b) => a.firstSeq - b.firstSeq);
  const kept: Segment[] = [];
  let lastSeq = 0;
  for (const [index, { firstSeq, path }] of found.entries()) {
    const scan = await scanSegment(path, lastSeq);
    lastSeq = scan.seqs.at(-1) ?? lastSeq;
    const isNewest = index === found.length - 1;
    if (isNewest) await truncateTo(path, scan.validEnd);
    let head = 0;
    while (head < scan.seqs.length && (scan.seqs[head] ?? 0) <= ackedThrough) head += 1;
    if (head === scan.seqs.length) {
      await unlink(path);
      continue;
    }
    const size = isNewest ? scan.validEnd : Number.POSITIVE_INFINITY;
    kept.push({ firstSeq, path, size, seqs: scan.seqs, starts: scan.starts, ends: scan.ends, head });
  }
  return kept;
}

async function truncateTo(path: string, size: number): Promise<void> {
  const file = await open(path, 'r+');
  try {
    if ((await file.stat()).size === size) return;
    await file.truncate(size);
    await file.sync();
  } finally {
    await file.close();
  }
}

class FileSpool implements Spool {
  private readonly statePath: string;
  private queue: Promise<unknown> = Promise.resolve();
  private appendFile: FileHandle | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private ackedThrough: number;
  private dropped: number;
  private nextSeq: number;
  private pendingEvents = 0;
  private pendingBytes = 0;

  constructor(
    private readonly dir: string,
    private readonly lock: DirectoryLock,
    private readonly segments: Segment[],
    state: SpoolState,
    private readonly options: SpoolOptions & { segmentBytes: number; fsync: boolean },
  ) {
    this.statePath = join(dir, stateFileName);
    this.ackedThrough = state.ackedThrough;
    this.dropped = state.dropped;
    let lastSeq = 0;
    for (const segment of segments) {
      for (let i = segment.head; i < segment.seqs.length; i += 1) {
        this.pendingEvents += 1;
        this.pendingBytes += (segment.ends[i] ?? 0) - (segment.starts[i] ?? 0);
      }
      lastSeq = Math.max(lastSeq, segment.seqs.at(-1) ?? 0, segment.firstSeq - 1);
    }
    // A torn tail may have taken the newest records, but their seqs could already have been
    // acknowledged, so new records start after everything the ack pointer has seen too.
    this.nextSeq = Math.max(lastSeq, state.ackedThrough) + 1;
  }

  append(events: SpoolEvent[]): Promise<{ accepted: number; dropped: number }> {
    return this.serialised(async () => {
      const lines = events.map((event, index) => encodeRecordLine({ seq: this.nextSeq + index, event }));
      let accepted = 0;
      let bytes = 0;
      for (const line of lines) {
        if (this.pendingBytes + bytes + line.length > this.options.maxBytes) break;
        accepted += 1;
        bytes += line.length;
      }
      if (accepted > 0) await this.write(lines.slice(0, accepted));
      const dropped = events.length - accepted;
      if (dropped > 0) {
        await writeSpoolState(this.statePath, {
          ackedThrough: this.ackedThrough,
          dropped: this.dropped + dropped,
        });
        this.dropped += dropped;
        this.options.onFull?.(dropped);
      }
      return { accepted, dropped };
    });
  }

  peek(maxEvents: number, maxBytes: number): Promise<SpoolRecord[]> {
    return this.serialised(async () => {
      const records: SpoolRecord[] = [];
      let bytes = 0;
      for (const segment of [...this.segments]) {
        let last = segment.head;
        while (last < segment.seqs.length && records.length + (last - segment.head) < maxEvents) {
          const length = (segment.ends[last] ?? 0) - (segment.starts[last] ?? 0);
          const isFirst = records.length === 0 && last === segment.head;
          if (!isFirst && bytes + length > maxBytes) break;
          bytes += length;
          last += 1;
        }
        // A segment with nothing pending (left empty by a failed write) must not hide the next one.
        if (segment.head === segment.seqs.length) continue;
        if (last === segment.head) break;
        const complete = await this.readRecords(segment, last, records);
        if (!complete || records.length >= maxEvents || last < segment.seqs.length) break;
      }
      return records;
    });
  }

  ack(throughSeq: number): Promise<void> {
    return this.serialised(async () => {
      if (!Number.isSafeInteger(throughSeq)) throw new TypeError('ack needs an integer seq');
      const target = Math.min(throughSeq, this.nextSeq - 1);
      if (target <= this.ackedThrough) return;
      await writeSpoolState(this.statePath, { ackedThrough: target, dropped: this.dropped });
      this.ackedThrough = target;
      await this.consumeAcknowledged();
    });
  }

  stats(): SpoolStats {
    return {
      pendingEvents: this.pendingEvents,
      pendingBytes: this.pendingBytes,
      dropped: this.dropped,
      nextSeq: this.nextSeq,
    };
  }

  close(): Promise<void> {
    this.closing ??= this.serialised(async () => {
      this.closed = true;
      await this.appendFile?.close();
      this.appendFile = undefined;
      await this.lock.release();
    });
    return this.closing;
  }

  /** One operation at a time, in call order: appends, reads and acks all move the same cursors. */
  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      if (this.closed) throw new Error(`spool ${this.dir} is closed`);
      return operation();
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async write(lines: Buffer[]): Promise<void> {
    const { segment, file } = await this.activeSegment();
    const data = Buffer.concat(lines);
    try {
      let written = 0;
      while (written < data.length) {
        written += (await file.write(data, written, data.length - written)).bytesWritten;
      }
      if (this.options.fsync) await file.datasync();
    } catch (error) {
      await this.undoPartialWrite(segment, file);
      throw error;
    }
    let offset = segment.size;
    for (const line of lines) {
      segment.seqs.push(this.nextSeq);
      segment.starts.push(offset);
      offset += line.length;
      segment.ends.push(offset);
      this.nextSeq += 1;
    }
    segment.size = offset;
    this.pendingEvents += lines.length;
    this.pendingBytes += data.length;
  }

  /**
   * A half-written batch must not stay in front of the next one: the next record would be glued
   * to its torn line and lost with it on reopen. If the file cannot be cut back, appends move to
   * a fresh segment instead.
   */
  private async undoPartialWrite(segment: Segment, file: FileHandle): Promise<void> {
    try {
      await file.truncate(segment.size);
    } catch {
      segment.size = Number.POSITIVE_INFINITY;
      this.appendFile = undefined;
      await file.close().catch(() => undefined);
    }
  }

  private async activeSegment(): Promise<{ segment: Segment; file: FileHandle }> {
    const current = this.segments.at(-1);
    if (current !== undefined && current.size < this.options.segmentBytes) {
      this.appendFile ??= await open(current.path, 'a', 0o600);
      return { segment: current, file: this.appendFile };
    }
    await this.appendFile?.close();
    this.appendFile = undefined;
    const path = join(this.dir, segmentName(this.nextSeq));
    const file = await open(path, 'a', 0o600);
    if (this.options.fsync) await syncDirectory(this.dir);
    const segment: Segment = {
      firstSeq: this.nextSeq,
      path,
      size: (await file.stat()).size,
      seqs: [],
      starts: [],
      ends: [],
      head: 0,
    };
    this.segments.push(segment);
    this.appendFile = file;
    return { segment, file };
  }

  /**
   * Reads records `segment.head` up to (not including) `end` into `into`. A record damaged since
   * the spool was opened is given up if nothing precedes it in this read (so the queue cannot
   * stall on it); otherwise reading stops before it and it is given up on the next peek.
   * Returns false when it stopped early.
   */
  private async readRecords(segment: Segment, end: number, into: SpoolRecord[]): Promise<boolean> {
    const from = segment.starts[segment.head] ?? 0;
    const to = segment.ends[end - 1] ?? 0;
    const buffer = Buffer.alloc(to - from);
    const file = await open(segment.path, 'r');
    try {
      await file.read(buffer, 0, buffer.length, from);
    } finally {
      await file.close();
    }
    for (let i = segment.head; i < end; i += 1) {
      const start = (segment.starts[i] ?? 0) - from;
      const record = decodeRecordLine(buffer.subarray(start, (segment.ends[i] ?? 0) - from - 1));
      if (record !== undefined && record.seq === segment.seqs[i]) {
        into.push(record);
      } else if (into.length === 0) {
        this.ackedThrough = segment.seqs[i] ?? this.ackedThrough;
        await this.consumeAcknowledged();
      } else {
        return false;
      }
    }
    return true;
  }

  private async consumeAcknowledged(): Promise<void> {
    for (;;) {
      const segment = this.segments[0];
      if (segment === undefined) return;
      while (segment.head < segment.seqs.length && (segment.seqs[segment.head] ?? 0) <= this.ackedThrough) {
        this.pendingEvents -= 1;
        this.pendingBytes -= (segment.ends[segment.head] ?? 0) - (segment.starts[segment.head] ?? 0);
        segment.head += 1;
      }
      if (segment.head < segment.seqs.length) return;
      if (segment === this.segments.at(-1)) {
        await this.appendFile?.close();
        this.appendFile = undefined;
      }
      // No directory sync: if the removal is lost, reopening finds the records acknowledged and removes it again.
      await unlink(segment.path);
      this.segments.shift();
    }
  }
}
