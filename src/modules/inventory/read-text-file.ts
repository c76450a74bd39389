import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export interface ReadTextOptions {
  maxBytes: number;
  /** Return the first maxBytes instead of failing; for /proc files where the head is enough. */
  truncate?: boolean;
}

/**
 * Reads a file's bytes. Only regular files are read, and O_NONBLOCK keeps a FIFO planted where a
 * config file belongs from hanging the collection. A file past maxBytes is an error unless
 * truncate is set, so a collector never reports a silently shortened list.
 */
export async function readFileBytes(path: string, options: ReadTextOptions): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    const limit = options.maxBytes + 1;
    // /proc files report size 0, so the size only sizes the first read.
    const chunkSize = Math.min(limit, Math.max(info.size + 1, 4096));
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkSize, limit - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > options.maxBytes) {
      if (options.truncate !== true) throw new Error(`${path} is larger than ${options.maxBytes} bytes`);
      return Buffer.concat(chunks, total).subarray(0, options.maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** Like readFileBytes, as UTF-8 (invalid bytes become U+FFFD). */
export async function readTextFile(path: string, options: ReadTextOptions): Promise<string> {
  return (await readFileBytes(path, options)).toString('utf8');
}

/** Like readFileBytes, but null when the file (or a directory on its path) does not exist. */
export async function readOptionalFileBytes(path: string, options: ReadTextOptions): Promise<Buffer | null> {
  try {
    return await readFileBytes(path, options);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Like readTextFile, but null when the file (or a directory on its path) does not exist. */
export async function readOptionalTextFile(path: string, options: ReadTextOptions): Promise<string | null> {
  return (await readOptionalFileBytes(path, options))?.toString('utf8') ?? null;
}

export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
