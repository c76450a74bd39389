import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../store/schema.ts';

/** The last attempt of a scheduled feed download (`vuln.feeds`), and its failure if it failed. */
export const FeedDownload = z
  .object({
    name: z.string(),
    /** Without credentials or query. */
    url: z.string(),
    attemptedAt: z.string(),
    succeededAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'FeedDownload' });
export type FeedDownload = z.infer<typeof FeedDownload>;

export async function listFeedDownloads(db: Kysely<DB>): Promise<FeedDownload[]> {
  const rows = await db.selectFrom('vuln_feed_downloads').selectAll().orderBy('name').execute();
  return rows.map((row) => ({
    name: row.name,
    url: row.url,
    attemptedAt: row.attempted_at,
    succeededAt: row.succeeded_at,
    error: row.error,
  }));
}
