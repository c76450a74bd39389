import type { Advisory } from '../../protocol/vuln.ts';
import { isFeedError } from './feed-error.ts';
import type { FeedReadOptions } from './feed-read-options.ts';
import { readOsvRecord } from './read-osv-record.ts';

/** The largest record read; OSV's largest real records (long `versions` lists) are a few MiB. */
export const maxRecordBytes = 16 * 1024 * 1024;

export const recordName = /\.(?:json|ya?ml)$/;

/** A record that fails validation is skipped; anything else stops the read. */
export function readOsvEntry(bytes: Buffer, origin: string, options: FeedReadOptions): Advisory | undefined {
  try {
    return readOsvRecord(bytes.toString('utf8'), origin);
  } catch (error) {
    if (!isFeedError(error, 'feed.invalid')) throw error;
    options.onInvalid?.(origin, error.reason);
    return undefined;
  }
}
