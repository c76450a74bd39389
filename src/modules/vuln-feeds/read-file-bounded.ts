import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { FeedError, isFeedError } from './feed-error.ts';

/** A feed file or archive entry that is not even readable: the feed as a whole is refused. */
export function unreadable(origin: string, error: unknown): unknown {
  if (isFeedError(error) || (error instanceof Error && error.name === 'AbortError')) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  return new FeedError('feed.unreadable', origin, `cannot read (${reason})`, { cause: error });
}

/** Collects a stream into memory, refusing it once it passes `limit` bytes (hostile sizes). */
export async function collectBounded(stream: Readable, limit: number, origin: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw new FeedError('feed.invalid', origin, `larger than ${limit} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    throw unreadable(origin, error);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, total);
}

/** A whole file, at most `limit` bytes: records, catalogs and checksum files are read this way. */
export function readFileBounded(path: string, limit: number, signal?: AbortSignal): Promise<Buffer> {
  return collectBounded(createReadStream(path, { signal }), limit, path);
}
