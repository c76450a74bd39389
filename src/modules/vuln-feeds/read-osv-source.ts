import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Advisory } from '../../protocol/vuln.ts';
import { isFeedError } from './feed-error.ts';
import { feedProgress, type FeedProgress, type FeedReadOptions } from './feed-read-options.ts';
import { readFileBounded, unreadable } from './read-file-bounded.ts';
import { readHead } from './read-head.ts';
import { readOsvRecord } from './read-osv-record.ts';
import { maxRecordBytes, readOsvEntry, recordName } from './read-osv-entry.ts';
import { isZip, readOsvZip } from './read-osv-zip.ts';
import { walkFiles } from './walk-files.ts';

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
  else if (isZip(await readHead(path, 4))) yield* readOsvZip(path, options, progress);
  else {
    const bytes = await readFileBounded(path, maxRecordBytes, options.signal);
    progress.bytes(bytes.length);
    yield readOsvRecord(bytes.toString('utf8'), path);
    progress.record();
  }
  progress.end();
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
    const advisory = readOsvEntry(bytes, file, options);
    if (advisory === undefined) continue;
    yield advisory;
    progress.record();
  }
}
