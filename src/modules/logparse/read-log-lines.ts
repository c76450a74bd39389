import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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

/** Bytes read at a time: a few thousand lines per step, so no line pays for an await. */
const chunkBytes = 64 * 1024;

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

/**
 * readLogLines a chunk at a time: the lines of each chunk read, decoded once and split here.
 * Lines end as node:readline ends them (LF, CR LF, or a CR alone); a last line without an end
 * is still a line.
 */
export async function* readLogBatches(path: string, options: ReadLogOptions = {}): AsyncGenerator<LogLines> {
  const stdin = path === '-';
  const referenceTime =
    options.year !== undefined
      ? Date.UTC(options.year, 11, 31, 23, 59, 59)
      : stdin
        ? Date.now()
        : (await stat(path)).mtimeMs;
  const raw: Readable = stdin
    ? (options.stdin ?? process.stdin)
    : createReadStream(path, { highWaterMark: chunkBytes });
  const gzip = stdin ? false : path.endsWith('.gz');
  const input = gzip ? raw.pipe(createGunzip({ chunkSize: chunkBytes })) : raw;
  if (gzip) raw.on('error', (error) => input.destroy(error));
  const source: LineSource = { name: path, referenceTime };
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    // The text after the last line break waits for the next chunk (a CR at the very end may be
    // half of a CR LF).
    let end = text.lastIndexOf('\n');
    const cr = text.lastIndexOf('\r');
    if (cr > end && cr < text.length - 1) end = cr;
    if (end === -1) {
      rest = text;
      continue;
    }
    rest = text.slice(end + 1);
    const lines = splitLines(text.slice(0, end + 1));
    lines.pop(); // the empty string after the last line break
    yield { lines, source };
  }
  const last = rest + decoder.end();
  if (last !== '') {
    const lines = splitLines(last);
    if (lines.at(-1) === '') lines.pop();
    yield { lines, source };
  }
}

function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
}
