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

/**
 * Bytes decoded and split at a time: several hundred lines, so no line pays for an await, while
 * an ASCII chunk's text stays below V8's large-object size (128 KiB): such strings live in old
 * space, and reading in 128 KiB chunks or more ran several times slower.
 */
const chunkBytes = 64 * 1024;
/** Bytes read from a plain file at a time: each read is a round trip through the thread pool. */
const readBytes = 1024 * 1024;

/**
 * The lines of a plain or gzip-compressed log file (`-` for standard input), streamed, each
 * with its LineSource. Year-less timestamps are read against the file's mtime, the last time
 * a line was written, so none lands in the future; `year` pins them to that year instead.
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
      : fileBuffers(path);
  const decoder = new StringDecoder('utf8');
  const splitter = createLineSplitter();
  for await (const chunk of chunks as AsyncIterable<Buffer | string>) {
    for (const text of texts(chunk, decoder)) {
      const lines = splitter.push(text);
      if (lines.length > 0) yield { lines, source };
    }
  }
  const lines = splitter.end(decoder.end());
  if (lines.length > 0) yield { lines, source };
}

function gunzipped(path: string): Readable {
  const raw = createReadStream(path, { highWaterMark: chunkBytes });
  const input = raw.pipe(createGunzip({ chunkSize: chunkBytes }));
  raw.on('error', (error) => input.destroy(error));
  return input;
}

/** A plain file, read readBytes at a time. */
async function* fileBuffers(path: string): AsyncGenerator<Buffer> {
  const file = await open(path);
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(readBytes);
      const { bytesRead } = await file.read(buffer, 0, readBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/** A chunk's text, chunkBytes at a time. */
function* texts(chunk: Buffer | string, decoder: StringDecoder): Generator<string> {
  if (typeof chunk === 'string') {
    yield chunk;
    return;
  }
  for (let at = 0; at < chunk.length; at += chunkBytes)
    yield decoder.write(chunk.subarray(at, at + chunkBytes));
}

interface LineSplitter {
  /** The lines the text ends (often none). */
  push(text: string): string[];
  /** The last lines, the last one possibly without an end. */
  end(text: string): string[];
}

/**
 * Lines end as node:readline ends them (LF, CR LF, or a CR alone); a last line without an end
 * is still a line. The text after the last line end is kept in pieces, so a line of any length
 * is copied once, not once per chunk.
 */
function createLineSplitter(): LineSplitter {
  let unended: string[] = [];
  return {
    push(text) {
      if (text === '') return [];
      const end = lastLineEnd(text);
      if (end !== -1) {
        const lines = endedLines(unended.join('') + text.slice(0, end + 1));
        unended = [text.slice(end + 1)];
        return lines;
      }
      if (unended.at(-1)?.endsWith('\r')) {
        // The CR is not half of a CR LF after all: it ends the line.
        const lines = endedLines(unended.join(''));
        unended = [text];
        return lines;
      }
      unended.push(text);
      return [];
    },
    end(text) {
      const last = unended.join('') + text;
      const lines = last === '' ? [] : splitLines(last);
      if (lines.at(-1) === '') lines.pop();
      return lines;
    },
  };
}

/** Where the text's last line ends; a CR as its last character may be half of a CR LF. */
function lastLineEnd(text: string): number {
  const lf = text.lastIndexOf('\n');
  const cr = text.length > 1 ? text.lastIndexOf('\r', text.length - 2) : -1;
  return Math.max(lf, cr);
}

/** The lines of a text that ends with a line end. */
function endedLines(text: string): string[] {
  const lines = splitLines(text);
  lines.pop(); // the empty string after the last line end
  return lines;
}

function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
}
