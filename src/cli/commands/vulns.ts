import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Deps } from '../../modules/deps.ts';
import { allFindings } from '../../modules/vulns/all-findings.ts';
import { exportFindings } from '../../modules/vulns/export-findings.ts';
import { getVulnSummary } from '../../modules/vulns/get-vuln-summary.ts';
import { listFindings } from '../../modules/vulns/list-findings.ts';
import { scanDueHosts } from '../../modules/vulns/scan-due-hosts.ts';
import { severities } from '../../protocol/finding.ts';
import { VulnFindingQuery, type VulnFinding, type VulnSummary } from '../../protocol/vuln-api.ts';
import { version } from '../../server/version.ts';
import { UsageError } from '../cli-error.ts';
import { withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseFormat } from '../parse.ts';

const listFormats = ['table', 'json', 'jsonl', 'sarif', 'csv'] as const;
type ListFormat = (typeof listFormats)[number];

const columns: Column<VulnFinding>[] = [
  { header: 'risk', value: (f) => f.risk },
  { header: 'severity', value: (f) => f.severity },
  { header: 'host', value: (f) => f.hostname ?? f.agentId },
  { header: 'package', value: (f) => f.package.name },
  { header: 'installed', value: (f) => f.package.version },
  {
    header: 'fixed in',
    value: (f) => f.fixedVersion ?? (f.fixState === 'fixed' ? '?' : `no fix (${f.fixState})`),
  },
  { header: 'vulnerability', value: (f) => f.vulnerability.id },
  { header: 'kev', value: (f) => (f.kev ? 'KEV' : '') },
  { header: 'epss', value: (f) => (f.epss ? f.epss.score.toFixed(3) : null) },
  { header: 'due', value: (f) => (f.dueAt ? `${f.dueAt.slice(0, 10)}${f.overdue ? ' OVERDUE' : ''}` : null) },
  { header: 'status', value: (f) => f.status },
];

interface VulnsOptions {
  host?: string;
  severity?: string;
  kev?: boolean;
  fix?: string;
  status?: string;
  package?: string;
  search?: string;
  sort?: string;
  limit?: string;
  format: ListFormat;
  output?: string;
}

function parseListFormat(value: string): ListFormat {
  if (!(listFormats as readonly string[]).includes(value))
    throw new UsageError(`--format: expected one of ${listFormats.join(', ')}, got "${value}"`);
  return value as ListFormat;
}

/** A hostname or agent id; a name that several enrolled hosts share must be given as an id. */
async function resolveHost(deps: Deps, value: string): Promise<string> {
  const rows = await deps.database.db
    .selectFrom('agents')
    .select(['id', 'hostname'])
    .where((eb) => eb.or([eb('id', '=', value), eb('hostname', '=', value)]))
    .execute();
  const byId = rows.find((row) => row.id === value);
  if (byId) return byId.id;
  if (rows.length === 1 && rows[0]) return rows[0].id;
  if (rows.length > 1)
    throw new UsageError(`--host: ${rows.length} hosts are named ${value}; give the agent id`);
  throw new UsageError(`--host: no enrolled host is named ${value}`);
}

async function queryFrom(deps: Deps, opts: VulnsOptions): Promise<VulnFindingQuery> {
  const parsed = VulnFindingQuery.safeParse({
    status: opts.status,
    agentId: opts.host === undefined ? undefined : await resolveHost(deps, opts.host),
    package: opts.package,
    severity: opts.severity,
    kev: opts.kev ? 'true' : undefined,
    fix: opts.fix,
    q: opts.search,
    sort: opts.sort,
    limit: opts.limit ?? 1000,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { agentId: 'host', q: 'search' }[String(issue?.path[0])] ?? String(issue?.path[0] ?? '');
    throw new UsageError(`--${flag}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function registerVulns(program: Command): void {
  const vulns = program
    .command('vulns')
    .description('vulnerability findings on the fleet’s hosts: list (the default), summary, rescan');

  vulns
    .command('list', { isDefault: true })
    .description('findings by risk, filtered; exit 0 whatever is found')
    .option('--host <host>', 'one host, by hostname or agent id')
    .option('--severity <severity>', `this severity and above: ${severities.join(', ')}`)
    .option('--kev', 'only CISA Known Exploited Vulnerabilities')
    .option('--fix <fix>', 'available (a fixed version exists) or none')
    .option('--status <status>', 'open, resolved or all', 'open')
    .option('--package <name>', 'a binary or source package name')
    .option('--search <text>', 'part of a CVE or advisory id')
    .option('--sort <sort>', 'risk, firstSeen or dueAt', 'risk')
    .option('--limit <n>', 'at most this many (1–1000; sarif and csv take every match)')
    .option('--format <format>', listFormats.join(', '), parseListFormat, 'table')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: VulnsOptions, command: Command) => {
      const text = await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        const query = await queryFrom(deps, opts);
        const now = deps.clock.now();
        if (opts.format === 'sarif' || opts.format === 'csv')
          return exportFindings(await allFindings(deps.database.db, query, now), opts.format, version).text;
        const list = await listFindings(deps.database.db, query, now);
        if (list.total > list.findings.length)
          process.stderr.write(`vigil: showing ${list.findings.length} of ${list.total} findings\n`);
        return render(list.findings, columns, opts.format);
      });
      if (opts.output === undefined) process.stdout.write(text);
      else await writeFile(opts.output, text, { mode: 0o600 });
    });

  vulns
    .command('summary')
    .description('open findings by severity, the worst hosts and packages, the trend and the feeds')
    .option('--format <format>', 'table or json', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const summary = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        getVulnSummary(deps.database.db, deps.clock.now(), deps.config.vuln.staleAfterHours),
      );
      process.stdout.write(
        opts.format === 'table' ? summaryText(summary) : `${JSON.stringify(summary, null, 2)}\n`,
      );
    });

  vulns
    .command('rescan')
    .description('match hosts against the stored feeds again now')
    .option('--host <host>', 'one host, by hostname or agent id')
    .action(async (opts: { host?: string }, command: Command) => {
      const scanned = await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) =>
        scanDueHosts(deps, {
          force: true,
          ...(opts.host === undefined ? {} : { agentIds: [await resolveHost(deps, opts.host)] }),
        }),
      );
      process.stdout.write(`${scanned} hosts matched\n`);
    });
}

function summaryText(s: VulnSummary): string {
  const lines = [
    `open findings: ${s.open} (${severities
      .slice()
      .reverse()
      .map((sev) => `${s.bySeverity[sev]} ${sev}`)
      .join(', ')})`,
    `known exploited (KEV): ${s.kev}; fix available: ${s.fixAvailable}; no fix yet: ${s.noFix}; overdue: ${s.overdue}`,
    '',
    'hosts:',
    render(
      s.hosts.slice(0, 20),
      [
        { header: 'host', value: (h) => h.hostname ?? h.agentId },
        { header: 'open', value: (h) => h.open },
        { header: 'critical', value: (h) => h.critical },
        { header: 'high', value: (h) => h.high },
        { header: 'kev', value: (h) => h.kev },
        { header: 'max risk', value: (h) => h.maxRisk },
      ],
      'table',
    ),
    'packages:',
    render(
      s.packages.slice(0, 20),
      [
        { header: 'package', value: (p) => p.name },
        { header: 'source', value: (p) => p.source },
        { header: 'hosts', value: (p) => p.hosts },
        { header: 'findings', value: (p) => p.findings },
        { header: 'fix available', value: (p) => p.fixAvailable },
        { header: 'max risk', value: (p) => p.maxRisk },
      ],
      'table',
    ),
    'feeds:',
    render(
      s.feeds,
      [
        { header: 'name', value: (f) => f.name },
        { header: 'kind', value: (f) => f.kind },
        { header: 'records', value: (f) => f.records },
        { header: 'imported', value: (f) => f.importedAt },
        { header: 'stale', value: (f) => (f.stale ? 'STALE' : 'no') },
      ],
      'table',
    ),
  ];
  return lines.join('\n');
}
