import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { FeedName } from '../../platform/vuln-config.ts';
import type { FeedKind, FeedStatus } from '../../protocol/vuln-api.ts';
import type { DB } from '../../store/schema.ts';
import { appendSystemAudit } from '../audit/append-system-audit.ts';
import type { Deps } from '../deps.ts';
import { detectFeedKind } from '../vuln-feeds/detect-feed-kind.ts';
import { openFeed } from '../vuln-feeds/open-feed.ts';
import { verifyFeedChecksum } from '../vuln-feeds/verify-checksum.ts';
import { advisoryStore } from './advisory-store.ts';
import { epssStore, kevStore } from './cve-table-store.ts';
import { defaultFeedName } from './default-feed-name.ts';
import { toFeedStatus } from './list-feeds.ts';
import { scanDueHosts } from './scan-due-hosts.ts';
import { invalidateVulnIndexes } from './vuln-index-cache.ts';
import { writeFeedRecords, type WriteCounts } from './write-feed-records.ts';

export interface ImportProgress extends WriteCounts {
  kind: FeedKind;
  /** Bytes of the file read so far, when the reader tells. */
  bytes: number;
  invalid: number;
}

export interface ImportFeedOptions {
  name?: string | undefined;
  /** A sha256sum-style file; `<path>.sha256` is used when it exists and this is not given. */
  checksumPath?: string | undefined;
  /** Refuse the file unless it is of this kind (scheduled feeds that name one). */
  kind?: FeedKind | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Who imports, for the audit log: `system` (scheduled) by default, `cli:<user>` from the CLI. */
  actor?: string | undefined;
  method?: string | undefined;
  /** Match every host again afterwards (default); the periodic scan would otherwise do it. */
  rescan?: boolean | undefined;
}

export interface FeedImport extends ImportProgress {
  feed: FeedStatus;
  /** The first few malformed records skipped, `origin: reason`. */
  invalidSamples: string[];
  /** The import and the rescan after it. */
  durationMs: number;
  /** Hosts matched again after the import. */
  rescanned: number;
}

const invalidSampleCount = 10;

/**
 * Imports a feed file or directory (OSV, Debian tracker, KEV, EPSS) under a name, in one
 * transaction: a feed that fails part way leaves the previous one in use, whole. Re-imports are
 * incremental (writeFeedRecords) and the feed's row is written last. Malformed records are
 * skipped and counted; a malformed file throws the reader's FeedError. Audited either way.
 */
export async function importFeed(
  deps: Deps,
  path: string,
  options: ImportFeedOptions = {},
): Promise<FeedImport> {
  const { db } = deps.database;
  const started = Date.now();
  // Until the file is read, the audit entry names what was asked for.
  let name = options.name ?? path;
  let kind: FeedKind | undefined;
  const audit = (outcome: 'success' | 'failure', detail: string) =>
    appendSystemAudit(db, deps.clock.now(), {
      action: 'vulns.feeds.import',
      target: name,
      detail,
      outcome,
      ...(options.actor === undefined ? {} : { actor: options.actor }),
      ...(options.method === undefined ? {} : { method: options.method }),
    });
  let imported: Omit<FeedImport, 'rescanned' | 'durationMs'>;
  try {
    const detected = await detectFeedKind(path);
    kind = detected;
    if (options.kind !== undefined && options.kind !== detected)
      throw new AppError('bad_request', `${path}: expected a ${options.kind} feed, found ${detected}`);
    name = options.name ?? defaultFeedName(detected, path);
    if (!FeedName.safeParse(name).success)
      throw new AppError('bad_request', `feed name "${name}": letters, digits, _ . : - (at most 64)`);
    const sha256 = await verifyFeedChecksum(path, options.checksumPath);
    const progress: ImportProgress = {
      kind: detected,
      bytes: 0,
      invalid: 0,
      records: 0,
      added: 0,
      changed: 0,
      unchanged: 0,
      removed: 0,
    };
    const invalidSamples: string[] = [];
    const report = () => options.onProgress?.({ ...progress });
    const readOptions = {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done: { records: number; bytes: number }) => {
        progress.bytes = done.bytes;
        report();
      },
      onInvalid: (origin: string, reason: string) => {
        progress.invalid += 1;
        if (invalidSamples.length < invalidSampleCount) invalidSamples.push(`${origin}: ${reason}`);
      },
    };
    const row = await db.transaction().execute(async (trx) => {
      await refuseOtherKind(trx, name, detected);
      const onBatch = (counts: WriteCounts) => {
        Object.assign(progress, counts);
        report();
      };
      const feed = await openFeed(detected, path, readOptions);
      if (feed.records === 'advisories')
        await writeFeedRecords(trx, name, advisoryStore, feed.entries, onBatch);
      else if (feed.records === 'kev') await writeFeedRecords(trx, name, kevStore, feed.entries, onBatch);
      else await writeFeedRecords(trx, name, epssStore, feed.entries, onBatch);
      const stored = {
        name,
        kind: detected,
        records: progress.records,
        sha256,
        source_date: feed.sourceDate(),
        imported_at: deps.clock.now().toISOString(),
      };
      await trx
        .insertInto('vuln_feeds')
        .values(stored)
        .onConflict((oc) => oc.column('name').doUpdateSet({ ...stored }))
        .execute();
      return stored;
    });
    invalidateVulnIndexes(deps.database);
    await audit(
      'success',
      `${detected}; ${progress.records} records: ${progress.added} added, ${progress.changed} changed, ` +
        `${progress.removed} removed, ${progress.invalid} invalid skipped; sha256 ${sha256}`,
    );
    imported = {
      ...progress,
      feed: toFeedStatus(row, deps.clock.now(), deps.config.vuln.staleAfterHours),
      invalidSamples,
    };
  } catch (error) {
    // The import's own error is what the caller needs, even if the audit entry cannot be written.
    await audit(
      'failure',
      `${kind ?? 'unknown kind'}: ${error instanceof Error ? error.message : String(error)}`,
    ).catch((err: unknown) => deps.logger.error({ err }, 'the failed feed import could not be audited'));
    throw error;
  }
  const rescanned = options.rescan === false ? 0 : await scanDueHosts(deps);
  return { ...imported, rescanned, durationMs: Date.now() - started };
}

/** A name keeps its kind: importing KEV over an OSV feed would silently drop the advisories. */
async function refuseOtherKind(db: Kysely<DB>, name: string, kind: FeedKind): Promise<void> {
  const existing = await db
    .selectFrom('vuln_feeds')
    .select('kind')
    .where('name', '=', name)
    .executeTakeFirst();
  if (existing && existing.kind !== kind)
    throw new AppError(
      'conflict',
      `feed "${name}" holds ${existing.kind} records, not ${kind}; import this file under another --name`,
    );
}
