import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readTextFile } from '../../modules/inventory/read-text-file.ts';
import { describeFix } from '../../modules/vuln-scan/describe-fix.ts';
import { findingsCsv } from '../../modules/vuln-scan/findings-csv.ts';
import { findingsSarif } from '../../modules/vuln-scan/findings-sarif.ts';
import { loadFeedDirectory, type LoadedFeeds } from '../../modules/vuln-scan/load-feed-dir.ts';
import { readLockfile } from '../../modules/vuln-scan/read-lockfile.ts';
import { scanHost } from '../../modules/vuln-scan/scan-host.ts';
import {
  collectLocalTarget,
  parseInventoryFile,
  targetEcosystems,
  type ScanTarget,
} from '../../modules/vuln-scan/scan-target.ts';
import { toOcsfVulnerabilityFinding } from '../../modules/vuln-scan/to-ocsf.ts';
import { severities, type Severity } from '../../protocol/finding.ts';
import type { VulnFinding } from '../../protocol/vuln-api.ts';
import { version } from '../../server/version.ts';
import { UsageError } from '../cli-error.ts';
import { parseChoice, parseFailOn } from '../parse.ts';
import { failOn, warn, writeReport } from '../report-output.ts';
import { printable } from '../../modules/notify/printable.ts';
import { configFrom, type GlobalOptions } from '../context.ts';
import { render as renderTable, type Column } from '../output.ts';
import { createProgress } from '../progress.ts';

const scanFormats = ['table', 'json', 'jsonl', 'sarif', 'csv', 'ocsf'] as const;
type ScanFormat = (typeof scanFormats)[number];

interface VulnScanOptions {
  inventory?: string;
  lockfile: string[];
  local?: boolean;
  root?: string;
  feeds?: string;
  format: ScanFormat;
  failOn?: Severity;
  output?: string;
}

const maxInventoryBytes = 256 * 1024 * 1024;
const count = new Intl.NumberFormat('en');

const columns: Column<VulnFinding>[] = [
  { header: 'risk', value: (f) => f.risk },
  { header: 'severity', value: (f) => f.severity },
  { header: 'vulnerability', value: (f) => f.vulnerability.id },
  { header: 'package', value: (f) => f.package.name },
  { header: 'installed', value: (f) => f.package.version },
  { header: 'fix', value: (f) => describeFix(f) },
  { header: 'cvss', value: (f) => f.cvss && f.cvss.baseScore.toFixed(1) },
  { header: 'epss', value: (f) => f.epss && `${(f.epss.score * 100).toFixed(1)}%` },
  { header: 'kev', value: (f) => f.kev && `due ${f.kev.dueDate}` },
  { header: 'due', value: (f) => f.dueAt && `${f.dueAt.slice(0, 10)}${f.overdue ? ' overdue' : ''}` },
];

export function registerVulnScan(program: Command): void {
  program
    .command('vuln')
    .description('vulnerabilities of one host, matched on this machine against a feed directory')
    .command('scan')
    .description(
      'match this host (or an inventory file, or a root tree) against offline feeds, without a server; exit 1 when a finding is at or above --fail-on',
    )
    .option('--inventory <file>', 'a Vigil inventory JSON (as `vigil agents inventory` or the API gives it)')
    .option('--local', "scan this machine's installed packages (the default without --lockfile)")
    .option('--root <dir>', 'with --local: read packages and os-release under this tree (a mounted image)')
    .option(
      '--lockfile <file>',
      'npm or PyPI dependencies: package-lock.json, npm-shrinkwrap.json, Pipfile.lock, requirements*.txt (repeatable; only these unless --local, --root or --inventory is given too)',
      (file: string, files: string[]) => [...files, file],
      [],
    )
    .option('--feeds <dir>', 'feed directory (default: $VIGIL_FEEDS, else feeds/ in the data directory)')
    .option('--format <format>', scanFormats.join(', '), parseChoice('--format', scanFormats), 'table')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding is at or above: ${severities.join(', ')}`,
      parseFailOn,
    )
    .option('--output <file>', 'write the report here instead of standard output')
    .action(async (opts: VulnScanOptions, command: Command) => {
      if (opts.inventory !== undefined && (opts.local === true || opts.root !== undefined))
        throw new UsageError('--inventory reads a file: it cannot be combined with --local or --root');
      if (opts.root !== undefined && !isDirectory(opts.root))
        throw new UsageError(`--root: ${opts.root} is not a directory`);
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const feedsDir = opts.feeds ?? process.env.VIGIL_FEEDS ?? join(config.dataDir, 'feeds');
      if (!isDirectory(feedsDir))
        throw new UsageError(`no feed directory at ${feedsDir}: pass --feeds DIR or set VIGIL_FEEDS`);

      const target = await readTarget(opts);
      const name = printable(targetName(opts, target));
      const ecosystems = targetEcosystems(target);
      if (target.packages.length === 0)
        throw new UsageError(
          opts.lockfile.length > 0
            ? `no pinned packages found in ${name}`
            : `no installed dpkg, apk or rpm packages found in ${name}`,
        );
      if (ecosystems.size === 0)
        throw new UsageError(
          `cannot tell which release ${name} runs (${printable(target.os?.prettyName ?? 'no os-release')}): no feed ecosystem to match against`,
        );

      const feeds = await loadFeeds(feedsDir, ecosystems, config.vuln.staleAfterHours);
      const skipped: string[] = [];
      const findings = scanHost(feeds, target, {
        now: new Date(),
        sla: config.vuln.slaDays,
        onSkip: (skip) =>
          skipped.push(`${skip.package} ${skip.version} against ${skip.advisory}: ${skip.reason}`),
      });
      if (skipped.length > 0)
        warn(`${count.format(skipped.length)} comparisons left out (first: ${skipped[0] ?? ''})`);
      await writeReport(opts.output, render(opts.format, findings, { name, target, ecosystems, feeds }));
      failOn(opts.failOn, findings);
    });
}

/** The host's packages (unless only lockfiles are given) and the lockfiles' dependencies. */
async function readTarget(opts: VulnScanOptions): Promise<ScanTarget> {
  const onlyLockfiles =
    opts.lockfile.length > 0 &&
    opts.inventory === undefined &&
    opts.local !== true &&
    opts.root === undefined;
  const host = onlyLockfiles
    ? { agentId: 'local', hostname: null, os: null, packages: [] }
    : await readHost(opts);
  for (const path of opts.lockfile) {
    const lockfile = await readLockfile(path).catch((error: unknown) => {
      throw new UsageError(`--lockfile: ${(error as Error).message}`);
    });
    for (const line of lockfile.skipped.slice(0, 20)) warn(`${line}, skipped`);
    if (lockfile.skipped.length > 20)
      warn(`${path}: ${count.format(lockfile.skipped.length - 20)} more requirements skipped`);
    host.packages.push(...lockfile.packages);
  }
  return host;
}

async function readHost(opts: VulnScanOptions): Promise<ScanTarget> {
  if (opts.inventory === undefined) {
    return collectLocalTarget({
      ...(opts.root === undefined ? {} : { root: opts.root }),
      searchPath: process.env.PATH ?? '/usr/bin:/bin',
    }).catch((error: unknown) => {
      throw new UsageError(`cannot read the installed packages: ${(error as Error).message}`);
    });
  }
  const text = await readTextFile(opts.inventory, { maxBytes: maxInventoryBytes }).catch((error: unknown) => {
    throw new UsageError(`--inventory: ${(error as Error).message}`);
  });
  return parseInventoryFile(text, opts.inventory);
}

/** Reads the feeds with a progress line, warns of stale feeds and skipped records, and refuses empty ones. */
async function loadFeeds(
  dir: string,
  ecosystems: Set<string>,
  staleAfterHours: number,
): Promise<LoadedFeeds> {
  const progress = createProgress();
  const invalid: string[] = [];
  let feeds: LoadedFeeds;
  try {
    feeds = await loadFeedDirectory(dir, {
      ecosystems,
      staleAfterHours,
      onProgress: (done) =>
        progress.update(
          () =>
            `${done.feed}: ${count.format(done.records)} records · ${count.format(Math.round(done.bytes / 1048576))} MiB`,
        ),
      onInvalid: (origin, reason) => invalid.push(`${origin}: ${reason}`),
      onSkipped: (path, reason) => warn(`${path} skipped: ${reason}`),
    });
  } finally {
    progress.done();
  }
  if (invalid.length > 0)
    warn(`${count.format(invalid.length)} malformed feed records skipped (first: ${invalid[0] ?? ''})`);
  for (const feed of feeds.feeds.filter((f) => f.stale)) {
    warn(
      `feed ${feed.name} was fetched ${feed.importedAt.slice(0, 10)}, over ${staleAfterHours} h ago: findings may miss recent advisories`,
    );
  }
  if (feeds.feeds.length === 0)
    throw new UsageError(`no feeds in ${dir}: put OSV, Debian tracker, KEV or EPSS files there`);
  if (!feeds.feeds.some((feed) => feed.kind === 'osv' || feed.kind === 'debian-tracker'))
    throw new UsageError(`no advisory feed (OSV or Debian tracker) in ${dir}`);
  if (feeds.index.size === 0)
    throw new UsageError(`the feeds in ${dir} hold no advisories for ${[...ecosystems].join(', ')}`);
  return feeds;
}

interface Report {
  /** The host as the summary names it. */
  name: string;
  target: ScanTarget;
  ecosystems: Set<string>;
  feeds: LoadedFeeds;
}

function render(format: ScanFormat, findings: VulnFinding[], report: Report): string {
  switch (format) {
    case 'json': {
      const { target, ecosystems, feeds } = report;
      const host = {
        agentId: target.agentId,
        hostname: target.hostname,
        os: target.os,
        ecosystems: [...ecosystems],
        packages: target.packages.length,
      };
      return `${JSON.stringify({ host, feeds: feeds.feeds, findings }, null, 2)}\n`;
    }
    case 'jsonl':
      return findings.map((finding) => `${JSON.stringify(finding)}\n`).join('');
    case 'ocsf':
      return findings
        .map((finding) => `${JSON.stringify(toOcsfVulnerabilityFinding(finding, { version }))}\n`)
        .join('');
    case 'sarif':
      return `${JSON.stringify(findingsSarif(findings, { version }), null, 2)}\n`;
    case 'csv':
      return findingsCsv(findings);
    case 'table':
      return renderTable(findings, columns, 'table') + summary(findings, report);
  }
}

/** `2 findings on web-1 (Debian:7, 412 packages): 1 high, 1 medium · 1 known exploited · 1 with a fix, 1 without`. */
function summary(findings: VulnFinding[], { name, target, ecosystems, feeds }: Report): string {
  const bySeverity = [...severities]
    .reverse()
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`);
  const fixed = findings.filter((f) => f.fixState === 'fixed').length;
  const kev = findings.filter((f) => f.kev !== null).length;
  const host = `${name} (${[...ecosystems].join(', ')}, ${count.format(target.packages.length)} packages)`;
  const parts =
    findings.length === 0
      ? []
      : [
          bySeverity.join(', '),
          `${kev} known exploited`,
          `${fixed} with a fix, ${findings.length - fixed} without`,
        ];
  const sources = feeds.feeds
    .map((f) => `${printable(f.name)} (${f.kind}, ${count.format(f.records)})`)
    .join(', ');
  return `\n${findings.length} finding${findings.length === 1 ? '' : 's'} on ${host}${parts.length > 0 ? `: ${parts.join(' · ')}` : ''}\nfeeds: ${sources}\n`;
}

function targetName(opts: VulnScanOptions, target: ScanTarget): string {
  return (
    target.hostname ??
    opts.root ??
    opts.inventory ??
    (opts.lockfile.length > 0 ? opts.lockfile.join(', ') : 'this host')
  );
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
