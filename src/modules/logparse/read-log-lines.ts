import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LineSource } from '../../protocol/security-event.ts';

export interface LogLine {
  line: string;
  source: LineSource;
}

export interface ReadLogOptions {
  /** Year of lines that carry none (`vigil detect --year`); else the file's mtime decides. */
  year?: number;
  /** Standard input when path is `-` (tests pass their own). */
  stdin?: Readable;
}

/**
 * The lines of a plain or gzip-compressed log file (`-` for standard input), streamed, each
 * with its LineSource. Year-less timestamps are read against the file's mtime, the last time
 * a line was written, so none lands in the future; `year` pins them to that year instead.
 */
export async function* readLogLines(path: string, options: ReadLogOptions = {}): AsyncGenerator<LogLine> {
  const stdin = path === '-';
  const referenceTime =
    options.year !== undefined
      ? Date.UTC(options.year, 11, 31, 23, 59, 59)
      : stdin
        ? Date.now()
        : (await stat(path)).mtimeMs;
  const raw: Readable = stdin ? (options.stdin ?? process.stdin) : createReadStream(path);
  const gzip = stdin ? false : path.endsWith('.gz');
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (error) => input.destroy(error));
  const source: LineSource = { name: path, referenceTime };
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    yield { line, source };
  }
}
