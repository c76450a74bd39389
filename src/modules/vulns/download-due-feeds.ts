import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ScheduledFeed } from '../../platform/vuln-config.ts';
import type { Deps } from '../deps.ts';
import { importFeed } from './import-feed.ts';

/** A download this slow is a stuck mirror; the next check tries again. */
const downloadTimeoutMs = 30 * 60_000;
/** A check a few minutes early still counts, so an hourly check never slips a feed by an interval. */
const slackMs = 5 * 60_000;

export interface FeedDownloadOutcome {
  name: string;
  ok: boolean;
  error?: string;
}

/**
 * For the scheduler: downloads and imports each `vuln.feeds` entry not attempted within its
 * `everyHours`. Each attempt is claimed in the database first, so with several server processes
 * one downloads. A failure is logged and kept for `vigil feeds` and GET /api/feeds; the feed
 * already imported stays in use.
 */
export async function downloadDueFeeds(deps: Deps): Promise<FeedDownloadOutcome[]> {
  const outcomes: FeedDownloadOutcome[] = [];
  for (const feed of deps.config.vuln.feeds) {
    if (!(await claim(deps, feed))) continue;
    try {
      const result = await downloadAndImport(deps, feed);
      await deps.database.db
        .updateTable('vuln_feed_downloads')
        .set({ succeeded_at: deps.clock.now().toISOString(), error: null })
        .where('name', '=', feed.name)
        .execute();
      deps.logger.info(
        {
          feed: feed.name,
          records: result.records,
          added: result.added,
          changed: result.changed,
          removed: result.removed,
        },
        'vulnerability feed downloaded and imported',
      );
      outcomes.push({ name: feed.name, ok: true });
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      await deps.database.db
        .updateTable('vuln_feed_downloads')
        .set({ error })
        .where('name', '=', feed.name)
        .execute();
      deps.logger.error(
        { err, feed: feed.name, url: safeUrl(feed.url) },
        'vulnerability feed download failed; the previous import stays in use',
      );
      outcomes.push({ name: feed.name, ok: false, error });
    }
  }
  return outcomes;
}

/** The URL without credentials or query, for logs and listings (a token may ride in either). */
export function safeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

async function claim(deps: Deps, feed: ScheduledFeed): Promise<boolean> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const due = new Date(now.getTime() - feed.everyHours * 3_600_000 + slackMs).toISOString();
  const last = await db
    .selectFrom('vuln_feed_downloads')
    .select('attempted_at')
    .where('name', '=', feed.name)
    .executeTakeFirst();
  if (last && last.attempted_at > due) return false;
  const claimed = last
    ? await db
        .updateTable('vuln_feed_downloads')
        .set({ attempted_at: now.toISOString(), url: safeUrl(feed.url) })
        .where('name', '=', feed.name)
        .where('attempted_at', '=', last.attempted_at)
        .executeTakeFirst()
        .then((r) => Number(r.numUpdatedRows))
    : await db
        .insertInto('vuln_feed_downloads')
        .values({
          name: feed.name,
          url: safeUrl(feed.url),
          attempted_at: now.toISOString(),
          succeeded_at: null,
          error: null,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst()
        .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0));
  return claimed > 0;
}

async function downloadAndImport(deps: Deps, feed: ScheduledFeed) {
  const limit = deps.config.vuln.downloadLimitMegabytes * 1024 * 1024;
  await mkdir(deps.config.dataDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(deps.config.dataDir, 'feed-download-'));
  try {
    // The URL's file name keeps the extension the kind is told by (`.zip`, `.csv.gz`, `.json`).
    const fileName = basename(new URL(feed.url).pathname).replace(/[^\w.-]/g, '_') || feed.name;
    const file = join(dir, fileName === '.' || fileName === '..' ? 'feed' : fileName);
    await download(feed.url, file, limit);
    let checksumPath: string | undefined;
    if (feed.sha256Url !== undefined) {
      checksumPath = join(dir, 'checksum.sha256');
      await download(feed.sha256Url, checksumPath, 1024 * 1024);
    }
    return await importFeed(deps, file, {
      name: feed.name,
      kind: feed.kind,
      checksumPath,
      actor: 'system',
      method: 'SCHEDULE',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function download(url: string, file: string, limit: number): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(downloadTimeoutMs) });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`${safeUrl(url)}: HTTP ${response.status}`);
  }
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit)
        callback(new Error(`${safeUrl(url)}: larger than ${limit} bytes (vuln.downloadLimitMegabytes)`));
      else callback(null, chunk);
    },
  });
  await pipeline(response.body, cap, createWriteStream(file, { mode: 0o600 }));
}
