import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';

/** A record of a feed with its key and a digest of its content. */
export interface KeyedRecord<R> {
  key: string;
  hash: string;
  record: R;
}

/**
 * How one kind of feed record is kept: by (feed, key), with a content hash so a re-import
 * compares instead of rewriting. Every call runs inside the import's transaction.
 */
export interface FeedRecordStore<R> {
  key(record: R): string;
  /** The stored hashes of those keys that exist. */
  hashes(db: Kysely<DB>, feed: string, keys: string[]): Promise<Map<string, string>>;
  insert(db: Kysely<DB>, feed: string, records: KeyedRecord<R>[]): Promise<void>;
  remove(db: Kysely<DB>, feed: string, keys: string[]): Promise<void>;
  /** Stored keys after `after`, in key order; for finding what a full re-import left out. */
  keysAfter(db: Kysely<DB>, feed: string, after: string | null, limit: number): Promise<string[]>;
}

/** SQLite allows 32,766 bound parameters per statement; rows per statement stay well below. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
