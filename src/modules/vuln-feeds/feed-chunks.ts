import { createReadStream } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FeedProgress } from './feed-read-options.ts';
import { unreadable } from './read-file-bounded.ts';
import { isGzip, readHead } from './read-head.ts';

/**
 * The bytes of a feed file as it is read, gunzipped when it is gzip (by magic number), never
 * the whole file at once. Read errors, including corrupt or truncated gzip, become FeedError.
 */
export async function* feedChunks(
  path: string,
  progress: FeedProgress,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const gzip = isGzip(await readHead(path, 2));
  const file = createReadStream(path, { signal, highWaterMark: 256 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      progress.bytes(chunk.length);
      callback(null, chunk);
    },
  });
  // Errors reach the reader through the last stream, which pipeline destroys with them.
  const ignore = (): void => undefined;
  const bytes = gzip ? pipeline(file, counter, createGunzip(), ignore) : pipeline(file, counter, ignore);
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    bytes.destroy();
  }
}
