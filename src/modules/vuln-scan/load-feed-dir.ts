import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedKind, FeedStatus } from '../../protocol/vuln-api.ts';
import type { EpssEntry, KevEntry } from '../../protocol/vuln.ts';
import { detectFeedKind } from '../vuln-feeds/detect-feed-kind.ts';
import { FeedError, isFeedError } from '../vuln-feeds/feed-error.ts';
import type { FeedReadOptions } from '../vuln-feeds/feed-read-options.ts';
import { openFeed } from '../vuln-feeds/open-feed.ts';
import { verifyFeedChecksum } from '../vuln-feeds/verify-checksum.ts';
import { createVulnIndex, type VulnIndex } from '../vuln-match/vuln-index.ts';

export interface LoadFeedOptions {
  /** The hosts' ecosystems (hostEcosystem): advisories for nothing else are not indexed. */
  ecosystems?: ReadonlySet<string>;
  signal?: AbortSignal;
  /** Records and bytes read so far from the feed being read. */
  onProgress?: (done: { feed: string; kind: FeedKind; records: number; bytes: number }) => void;
  /** A malformed record, skipped; the rest of its feed still loads. */
  onInvalid?: (origin: string, reason: string) => void;
  /** A file in the directory that is no feed Vigil knows, skipped. */
  onSkipped?: (path: string, reason: string) => void;
  now?: Date;
  /** A feed file older than this is `stale` (`vuln.staleAfterHours`). */
  staleAfterHours?: number;
}

export interface LoadedFeeds {
  index: VulnIndex;
  kev: Map<string, KevEntry>;
  epss: Map<string, EpssEntry>;
  feeds: FeedStatus[];
}

const hour = 3_600_000;

/**
 * Reads every feed in a directory (docs/vulnerability-risk.md "Feed directory"): OSV record
 * directories and all.zip files and Debian tracker JSON into one index, the KEV catalog and EPSS
 * scores into maps by CVE. A feed with a `NAME.sha256` beside it must match it. A feed's age is
 * its file's: that is when it was fetched into the directory.
 */
export async function loadFeedDirectory(dir: string, opts: LoadFeedOptions = {}): Promise<LoadedFeeds> {
  const now = opts.now ?? new Date();
  const staleAfter = (opts.staleAfterHours ?? 48) * hour;
  const index = createVulnIndex(opts.ecosystems === undefined ? undefined : { ecosystems: opts.ecosystems });
  const kev = new Map<string, KevEntry>();
  const epss = new Map<string, EpssEntry>();
  const feeds: FeedStatus[] = [];

  for (const name of await feedNames(dir)) {
    const path = join(dir, name);
    let kind: FeedKind;
    try {
      kind = await detectFeedKind(path);
    } catch (error) {
      if (!isFeedError(error, 'feed.unknown_kind')) throw error;
      opts.onSkipped?.(path, error.reason);
      continue;
    }
    const sha256 = await verifyFeedChecksum(path);
    const read: FeedReadOptions = {
      signal: opts.signal,
      onProgress: opts.onProgress && ((done) => opts.onProgress?.({ feed: name, kind, ...done })),
      onInvalid: opts.onInvalid,
    };
    const { records, sourceDate } = await readFeed(kind, path, read, { index, kev, epss });
    const importedAt = (await stat(path)).mtime;
    feeds.push({
      name,
      kind,
      records,
      importedAt: importedAt.toISOString(),
      sourceDate,
      sha256,
      stale: now.getTime() - importedAt.getTime() > staleAfter,
    });
  }
  return { index, kev, epss, feeds };
}

/** Entries of the directory in name order, leaving out checksum files and hidden ones. */
async function feedNames(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new FeedError('feed.unreadable', dir, (error as Error).message, { cause: error });
  }
  return names.filter((name) => !name.startsWith('.') && !name.endsWith('.sha256')).sort();
}

async function readFeed(
  kind: FeedKind,
  path: string,
  read: FeedReadOptions,
  into: Omit<LoadedFeeds, 'feeds'>,
): Promise<{ records: number; sourceDate: string | null }> {
  const feed = await openFeed(kind, path, read);
  let records = 0;
  if (feed.records === 'advisories')
    for await (const advisory of feed.entries) {
      into.index.add(advisory);
      records += 1;
    }
  else if (feed.records === 'kev')
    for (const entry of feed.entries) {
      into.kev.set(entry.cve, entry);
      records += 1;
    }
  else
    for await (const entry of feed.entries) {
      into.epss.set(entry.cve, entry);
      records += 1;
    }
  return { records, sourceDate: feed.sourceDate() };
}
