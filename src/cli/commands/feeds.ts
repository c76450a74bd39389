import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { importFeed, type ImportProgress } from '../../modules/vulns/import-feed.ts';
import { listFeedDownloads } from '../../modules/vulns/list-feed-downloads.ts';
import { listFeeds } from '../../modules/vulns/list-feeds.ts';
import { FeedName } from '../../platform/vuln-config.ts';
import type { FeedStatus } from '../../protocol/vuln-api.ts';
import { UsageError } from '../cli-error.ts';
import { withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseFormat } from '../parse.ts';
import { createProgress } from '../progress.ts';

const feedColumns: Column<FeedStatus & { lastDownloadError?: string | null }>[] = [
  { header: 'name', value: (f) => f.name },
  { header: 'kind', value: (f) => f.kind },
  { header: 'records', value: (f) => f.records },
  { header: 'source date', value: (f) => f.sourceDate },
  { header: 'imported', value: (f) => f.importedAt },
  { header: 'stale', value: (f) => (f.stale ? 'STALE' : 'no') },
  { header: 'sha256', value: (f) => f.sha256.slice(0, 16) },
  { header: 'last download error', value: (f) => f.lastDownloadError },
];

function parseName(value: string): string {
  const parsed = FeedName.safeParse(value);
  if (!parsed.success) throw new UsageError(`--name: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

const count = (n: number) => n.toLocaleString('en-US');

function progressLine(p: ImportProgress): string {
  const mb = p.bytes > 0 ? ` · ${(p.bytes / 1_048_576).toFixed(1)} MB read` : '';
  return `${p.kind}: ${count(p.records)} records${mb} · ${count(p.added)} added · ${count(p.changed)} changed · ${count(p.invalid)} invalid`;
}

export function registerFeeds(program: Command): void {
  const feeds = program
    .command('feeds')
    .description(
      'vulnerability feeds: import OSV, Debian tracker, KEV and EPSS files; list what is imported',
    );

  feeds
    .command('list', { isDefault: true })
    .description('imported feeds, their age, and whether they are stale')
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const rows = await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        const now = deps.clock.now();
        const list = await listFeeds(deps.database.db, now, deps.config.vuln.staleAfterHours);
        const downloads = new Map((await listFeedDownloads(deps.database.db)).map((d) => [d.name, d]));
        return list.map((feed) => ({ ...feed, lastDownloadError: downloads.get(feed.name)?.error ?? null }));
      });
      process.stdout.write(render(rows, feedColumns, opts.format));
      for (const feed of rows.filter((f) => f.stale))
        process.stderr.write(`vigil: warning: feed ${feed.name} is stale (imported ${feed.importedAt})\n`);
    });

  feeds
    .command('import')
    .argument(
      '<path>',
      'an OSV directory or all.zip, a Debian tracker JSON, a CISA KEV JSON, or an EPSS .csv(.gz)',
    )
    .description(
      'import or update a feed in one transaction (a failed import leaves the previous one in use), then match every host again',
    )
    .option(
      '--name <name>',
      'the feed’s name (default: the kind; for OSV, the file or directory name)',
      parseName,
    )
    .option(
      '--sha256 <file>',
      'a sha256sum-style file to verify against (default: <path>.sha256 when present)',
    )
    .action(async (path: string, opts: { name?: string; sha256?: string }, command: Command) => {
      const progress = createProgress();
      const result = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        importFeed(deps, path, {
          name: opts.name,
          checksumPath: opts.sha256,
          actor: `cli:${userInfo().username}`,
          method: 'CLI',
          onProgress: (p) => progress.update(() => progressLine(p)),
        }),
      ).finally(() => progress.done());
      for (const sample of result.invalidSamples.slice(0, 3))
        process.stderr.write(`vigil: warning: skipped a malformed record: ${sample}\n`);
      process.stdout.write(
        `imported ${result.feed.name} (${result.kind}): ${count(result.records)} records: ${count(result.added)} added, ` +
          `${count(result.changed)} changed, ${count(result.removed)} removed, ${count(result.invalid)} invalid; ` +
          `${result.rescanned} hosts matched again in ${(result.durationMs / 1000).toFixed(1)} s\n`,
      );
    });
}
