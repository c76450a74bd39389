import type { Kysely } from 'kysely';
import { sha256Hex } from '../../platform/ids.ts';
import type { DB } from '../../store/schema.ts';
import type { FeedRecordStore, KeyedRecord } from './feed-record-store.ts';

export interface WriteCounts {
  /** Distinct records in the feed. */
  records: number;
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
}

const batchSize = 500;

/**
 * Brings a feed's stored records to exactly those of `records`, inside the caller's
 * transaction: new ones are inserted, changed ones (another content hash) replaced, unchanged
 * ones left alone, and stored ones the feed no longer has removed. Records are written 500 at a
 * time; what stays in memory is the set of keys seen, so a feed of any size fits.
 */
export async function writeFeedRecords<R>(
  db: Kysely<DB>,
  feed: string,
  store: FeedRecordStore<R>,
  records: AsyncIterable<R> | Iterable<R>,
  onBatch: (counts: WriteCounts) => void = () => undefined,
): Promise<WriteCounts> {
  const counts: WriteCounts = { records: 0, added: 0, changed: 0, unchanged: 0, removed: 0 };
  const seen = new Set<string>();
  // A key repeated within the feed (the same id in two files): the later record wins.
  let batch = new Map<string, KeyedRecord<R>>();
  // Keys written by an earlier batch of this import: a repeat replaces the record, uncounted.
  let repeats = new Set<string>();

  const flush = async () => {
    const items = [...batch.values()];
    const repeated = repeats;
    batch = new Map();
    repeats = new Set();
    const stored = await store.hashes(
      db,
      feed,
      items.map((item) => item.key),
    );
    const changed = items.filter((item) => stored.has(item.key) && stored.get(item.key) !== item.hash);
    const added = items.filter((item) => !stored.has(item.key));
    await store.remove(
      db,
      feed,
      changed.map((item) => item.key),
    );
    await store.insert(db, feed, [...changed, ...added]);
    const fresh = (item: KeyedRecord<R>) => !repeated.has(item.key);
    counts.added += added.length;
    counts.changed += changed.filter(fresh).length;
    counts.unchanged += items.filter(fresh).length - added.length - changed.filter(fresh).length;
    onBatch(counts);
  };

  for await (const record of records) {
    const key = store.key(record);
    if (!seen.has(key)) {
      seen.add(key);
      counts.records += 1;
    } else if (!batch.has(key)) repeats.add(key);
    batch.set(key, { key, hash: sha256Hex(JSON.stringify(record)), record });
    if (batch.size >= batchSize) await flush();
  }
  if (batch.size > 0) await flush();

  for (let after: string | null = null; ;) {
    const keys = await store.keysAfter(db, feed, after, 5000);
    if (keys.length === 0) break;
    after = keys[keys.length - 1] ?? null;
    const gone = keys.filter((key) => !seen.has(key));
    await store.remove(db, feed, gone);
    counts.removed += gone.length;
  }
  onBatch(counts);
  return counts;
}
