import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { LineSource } from '../../protocol/security-event.ts';

export interface LogLine {
  line: string;
  source: LineSource;
}

/** Consecutive lines of one input, in order. */
export interface LogLines {
  lines: string[];
  source: LineSource;
}

export interface ReadLogOptions {
  /** Year of lines that carry none (`vigil detect --year`); else the file's mtime decides. */
  year?: number;
  /** Standard input when path is `-` (tests pass their own). */
  stdin?: Readable;
}

/** Bytes split at a time: several hundred lines, so no line pays for an await. */
const chunkBytes = 64 * 1024;
/** Bytes read from a plain file at a time: each read is a round trip through the thread pool. */
const readBytes = 1024 * 1024;

/**
 * The lines of a plain or gzip-compressed log file (`-` for standard input), streamed, each
 * with its LineSource. Year-less timestamps are read against the file's mtime, the last time
 * a line was written, so none lands in the future; `year` pins them to that year instead.
 * A line longer than 1 MiB is cut there.
 */
export async function* readLogLines(path: string, options: ReadLogOptions = {}): AsyncGenerator<LogLine> {
  for await (const { lines, source } of readLogBatches(path, options)) {
    for (const line of lines) yield { line, source };
  }
}

/** readLogLines a chunk at a time. */
export async function* readLogBatches(path: string, options: ReadLogOptions = {}): AsyncGenerator<LogLines> {
  const stdin = path === '-';
  const referenceTime =
    options.year !== undefined
      ? Date.UTC(options.year, 11, 31, 23, 59, 59)
      : stdin
        ? Date.now()
        : (await stat(path)).mtimeMs;
  const source: LineSource = { name: path, referenceTime };
  const chunks = stdin
    ? (options.stdin ?? process.stdin)
    : path.endsWith('.gz')
      ? gunzipped(path)
      : fileChunks(path);
  const splitter = createLineSplitter();
  for await (const chunk of chunks as AsyncIterable<Buffer | string>) {
    const lines = splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (lines.length > 0) yield { lines, source };
  }
  const lines = splitter.end();
  if (lines.length > 0) yield { lines, source };
}

function gunzipped(path: string): Readable {
  const raw = createReadStream(path, { highWaterMark: chunkBytes });
  const input = raw.pipe(createGunzip({ chunkSize: chunkBytes }));
  raw.on('error', (error) => input.destroy(error));
  return input;
}

/** A plain file in chunkBytes pieces, read readBytes at a time. */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const file = await open(path);
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(readBytes);
      const { bytesRead } = await file.read(buffer, 0, readBytes, null);
      if (bytesRead === 0) return;
      for (let at = 0; at < bytesRead; at += chunkBytes) {
        yield buffer.subarray(at, Math.min(at + chunkBytes, bytesRead));
      }
    }
  } finally {
    await file.close();
  }
}

interface LineSplitter {
  /** The lines the bytes end (often none). */
  push(bytes: Buffer): string[];
  /** The last line, if it has no end. */
  end(): string[];
}

const lf = 0x0a;
const cr = 0x0d;
/**
 * Bytes kept of one line. A file without line ends (hostile or binary) would otherwise be held
 * whole and then overflow V8's string limit; the parsers read only a line's first 64 KiB.
 */
const maxLineBytes = 1024 * 1024;

/**
 * Lines end as node:readline ends them: LF, CR LF, or a CR alone; a last line without an end is
 * still a line. They are split as bytes (no UTF-8 sequence holds either byte) and decoded one by
 * one: each line is then a string of its own, where a slice of a chunk's text kept the whole
 * chunk alive for as long as an event held the line (more for the garbage collector to copy).
 */
function createLineSplitter(): LineSplitter {
  // The line over several chunks so far, in pieces, joined once when it ends.
  let unended: Buffer[] = [];
  let unendedBytes = 0;
  // The last chunk ended with a CR, which ended a line: an LF next is the rest of a CR LF.
  let afterCr = false;
  const keep = (piece: Buffer): void => {
    const room = maxLineBytes - unendedBytes;
    if (room <= 0) return;
    const kept = piece.length > room ? piece.subarray(0, room) : piece;
    unended.push(kept);
    unendedBytes += kept.length;
  };
  /** The line from start to end; lineEnd is 1 when the byte at end ended it. */
  const line = (bytes: Buffer, start: number, end: number, lineEnd: 0 | 1): string => {
    if (unended.length === 0) return bytes.toString('utf8', start, end);
    const cut = unendedBytes + end - start > maxLineBytes;
    if (cut) keep(bytes.subarray(start, end));
    // Decoded as a stream decoder fed the same chunks decodes it, so an invalid UTF-8 sequence
    // at a chunk boundary reads as it always has.
    const decoder = new StringDecoder('utf8');
    let text = '';
    for (const piece of unended) text += decoder.write(piece);
    unended = [];
    unendedBytes = 0;
    if (cut) return text + decoder.end();
    text += decoder.write(bytes.subarray(start, end + lineEnd)) + decoder.end();
    return lineEnd === 1 ? text.slice(0, -1) : text;
  };
  return {
    push(bytes) {
      if (bytes.length === 0) return [];
      const lines: string[] = [];
      let start = afterCr && bytes[0] === lf ? 1 : 0;
      afterCr = false;
      let nextLf = bytes.indexOf(lf, start);
      let nextCr = bytes.indexOf(cr, start);
      while (nextLf !== -1 || nextCr !== -1) {
        const end = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
        lines.push(line(bytes, start, end, 1));
        start = end + 1;
        if (end === nextCr) {
          if (start === bytes.length) afterCr = true;
          else if (bytes[start] === lf) start += 1;
          nextCr = bytes.indexOf(cr, start);
        }
        if (nextLf !== -1 && nextLf < start) nextLf = bytes.indexOf(lf, start);
      }
      if (start < bytes.length) keep(bytes.subarray(start));
      return lines;
    },
    end() {
      return unended.length === 0 ? [] : [line(Buffer.alloc(0), 0, 0, 0)];
    },
  };
}
