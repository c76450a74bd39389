import { z } from 'zod';
import { feedKinds } from '../protocol/vuln-api.ts';

/** A feed's name: what `vigil feeds` lists and a re-import replaces. */
export const FeedName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
    'letters, digits, _ . : - (at most 64, starting alphanumeric)',
  );

const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' });

/** A feed the server downloads and imports on its own, where the network allows it. */
const ScheduledFeed = z.strictObject({
  name: FeedName,
  /** Detected from the file when left out. */
  kind: z.enum(feedKinds).optional(),
  url: HttpUrl,
  /** A sha256sum-style file to check the download against. */
  sha256Url: HttpUrl.optional(),
  everyHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 31)
    .default(24),
});
export type ScheduledFeed = z.infer<typeof ScheduledFeed>;

const defaultSla = { critical: 7, high: 30, medium: 90, low: 180, informational: 365 };

/** Vulnerability feeds and findings; see docs/vulnerabilities.md. */
export const VulnConfigSchema = z
  .strictObject({
    /** A feed imported longer ago than this is shown as stale and raises a warning. */
    staleAfterHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(48),
    /** Days to fix a finding, by severity; a KEV due date that falls sooner wins. */
    slaDays: z
      .strictObject({
        critical: z.number().int().min(1).max(3650).default(7),
        high: z.number().int().min(1).max(3650).default(30),
        medium: z.number().int().min(1).max(3650).default(90),
        low: z.number().int().min(1).max(3650).default(180),
        informational: z.number().int().min(1).max(3650).default(365),
      })
      .default(defaultSla),
    /** How often hosts whose inventory (or the feeds) changed since their last match are matched again. */
    scanIntervalSeconds: z.number().int().min(5).max(86400).default(60),
    /** Downloaded and imported on a schedule; none by default (Vigil works air-gapped). */
    feeds: z
      .array(ScheduledFeed)
      .max(100)
      .refine((feeds) => new Set(feeds.map((f) => f.name)).size === feeds.length, 'feed names must differ')
      .default([]),
    /** A download larger than this is abandoned (a broken or hostile mirror must not fill the disk). */
    downloadLimitMegabytes: z
      .number()
      .int()
      .min(1)
      .max(64 * 1024)
      .default(4096),
  })
  .default({
    staleAfterHours: 48,
    slaDays: defaultSla,
    scanIntervalSeconds: 60,
    feeds: [],
    downloadLimitMegabytes: 4096,
  });
