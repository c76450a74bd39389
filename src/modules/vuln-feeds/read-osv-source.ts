import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import yauzl from 'yauzl';
import type { Advisory } from '../../protocol/vuln.ts';
import { isFeedError } from './feed-error.ts';
import { feedProgress, type FeedProgress, type FeedReadOptions } from './feed-read-options.ts';
import { collectBounded, readFileBounded, unreadable } from './read-file-bounded.ts';
import { readHead } from './read-head.ts';
import { readOsvRecord } from './read-osv-record.ts';
import { walkFiles } from './walk-files.ts';

/** The largest record read; OSV's largest real records (long `versions` lists) are a few MiB. */
export const maxRecordBytes = 16 * 1024 * 1024;

const recordName = /\.(?:json|ya?ml)$/;

/** `PK\x03\x04` (an entry first) or `PK\x05\x06` (an empty archive). */
export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
}

/**
 * OSV advisories from a directory of records (recursive; .json, .yaml, .yml; names starting with
 * a dot skipped, so a git checkout works), an ecosystem's `all.zip` (read entry by entry, never
 * whole), or one record file. Invalid records are skipped and told to `onInvalid`; an unreadable
 * file or archive throws FeedError.
 */
export async function* readOsvSource(path: string, options: FeedReadOptions = {}): AsyncGenerator<Advisory> {
  const progress = feedProgress(options);
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  if (info.isDirectory()) yield* fromDirectory(path, options, progress);
  else if (isZip(await readHead(path, 4))) yield* fromZip(path, options, progress);
  else {
    const bytes = await readFileBounded(path, maxRecordBytes, options.signal);
    progress.bytes(bytes.length);
    yield readOsvRecord(bytes.toString('utf8'), path);
    progress.record();
  }
  progress.end();
}

/** A record that fails validation is skipped; anything else stops the read. */
function parseOrSkip(bytes: Buffer, origin: string, options: FeedReadOptions): Advisory | undefined {
  try {
    return readOsvRecord(bytes.toString('utf8'), origin);
  } catch (error) {
    if (!isFeedError(error, 'feed.invalid')) throw error;
    options.onInvalid?.(origin, error.reason);
    return undefined;
  }
}

async function* fromDirectory(
  dir: string,
  options: FeedReadOptions,
  progress: FeedProgress,
): AsyncGenerator<Advisory> {
  for await (const relative of walkFiles(dir)) {
    if (!recordName.test(relative) || relative.split('/').some((part) => part.startsWith('.'))) continue;
    const file = join(dir, relative);
    let bytes: Buffer;
    try {
      bytes = await readFileBounded(file, maxRecordBytes, options.signal);
    } catch (error) {
      if (!isFeedError(error, 'feed.invalid')) throw error;
      options.onInvalid?.(file, error.reason);
      continue;
    }
    progress.bytes(bytes.length);
    const advisory = parseOrSkip(bytes, file, options);
    if (advisory === undefined) continue;
    yield advisory;
    progress.record();
  }
}

async function* fromZip(
  path: string,
  options: FeedReadOptions,
  progress: FeedProgress,
): AsyncGenerator<Advisory> {
  // Names are decoded and checked here rather than by yauzl, which would end the whole read
  // at the first hostile one; nothing is ever extracted to disk.
  const zip = await yauzl
    .openPromise(path, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      strictFileNames: true,
    })
    .catch((error: unknown) => {
      throw unreadable(path, error);
    });
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        true,
      );
      const origin = `${path}#${name.slice(0, 256)}`;
      const refused = yauzl.validateFileName(name);
      if (refused !== null) {
        options.onInvalid?.(origin, `entry refused: ${refused}`);
        continue;
      }
      if (name.endsWith('/') || !recordName.test(name)) continue;
      if (entry.uncompressedSize > maxRecordBytes) {
        options.onInvalid?.(origin, `larger than ${maxRecordBytes} bytes`);
        continue;
      }
      if (!entry.canDecodeFileData()) {
        options.onInvalid?.(origin, 'encrypted, or compressed with a method other than deflate');
        continue;
      }
      const bytes = await collectBounded(await zip.openReadStreamPromise(entry), maxRecordBytes, origin);
      progress.bytes(entry.compressedSize);
      const advisory = parseOrSkip(bytes, origin, options);
      if (advisory === undefined) continue;
      yield advisory;
      progress.record();
    }
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    zip.close();
  }
}
