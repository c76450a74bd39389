import type { Command } from 'commander';
import { endpointName } from '../../modules/netaudit/endpoint-name.ts';
import { runNetworkScan } from '../../modules/netaudit/run-network-scan.ts';
import { scanReportSarif } from '../../modules/netaudit/scan-report-sarif.ts';
import { NetScanError } from '../../modules/netscan/net-scan-error.ts';
import { severities, type Severity } from '../../protocol/finding.ts';
import {
  checkFamilies,
  type CheckFamily,
  type HostReport,
  type NetFinding,
  type PortResult,
  type ScanProgress,
  type ScanReport,
  type ServiceInfo,
} from '../../protocol/netscan.ts';
import { version } from '../../server/version.ts';
import { UsageError } from '../cli-error.ts';
import { parseChoice, parseFailOn } from '../parse.ts';
import { failOn, warn, writeReport } from '../report-output.ts';
import { render as renderTable, type Column } from '../output.ts';
import { createProgress } from '../progress.ts';

const scanFormats = ['table', 'json', 'jsonl', 'sarif'] as const;
type ScanFormat = (typeof scanFormats)[number];

/** The server's default (`netscan.defaults.ports`) too, so a CLI scan and a server scan compare. */
const defaultPorts = 'top-100';

interface ScanOptions {
  ports?: string;
  topPorts?: number;
  checks: CheckFamily[];
  scope: string[];
  exclude: string[];
  udp?: boolean;
  discovery: boolean;
  internetFacing?: boolean;
  rate?: number;
  concurrency?: number;
  timeout?: number;
  format: ScanFormat;
  failOn?: Severity;
  output?: string;
}

const count = new Intl.NumberFormat('en');

interface OpenPortRow {
  host: HostReport;
  port: PortResult;
  service: ServiceInfo | undefined;
}

const portColumns: Column<OpenPortRow>[] = [
  { header: 'host', value: (r) => [r.host.address, ...r.host.names.slice(0, 1)].join(' ') },
  { header: 'port', value: (r) => `${r.port.port}/${r.port.transport}` },
  { header: 'service', value: (r) => r.service?.service },
  {
    header: 'product',
    value: (r) => r.service && [r.service.product, r.service.version].filter(Boolean).join(' '),
  },
  { header: 'tls', value: (r) => (r.service?.tls ? 'yes' : r.service?.starttls ? 'starttls' : undefined) },
  { header: 'auth', value: (r) => r.service?.auth },
];

/** Evidence can be long (cipher lists): the table shows its start, the other formats all of it. */
const evidenceWidth = 80;

const findingColumns: Column<NetFinding>[] = [
  { header: 'severity', value: (f) => f.severity },
  { header: 'check', value: (f) => f.check },
  { header: 'endpoint', value: (f) => endpointName(f.address, f.port) },
  { header: 'finding', value: (f) => f.title },
  {
    header: 'evidence',
    value: (f) =>
      f.evidence.length > evidenceWidth ? `${f.evidence.slice(0, evidenceWidth - 1)}…` : f.evidence,
  },
];

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'audit network services without a server: ports, services, TLS, SSH, HTTP and exposure; exit 1 when a finding is at or above --fail-on',
    )
    .argument('<targets...>', 'addresses, CIDR ranges (10.0.0.0/24, 2001:db8::/120) and host names')
    .option(
      '-p, --ports <ports>',
      `ports and ranges (22,80,8000-8100), top-N or all (default ${defaultPorts})`,
    )
    .option(
      '--top-ports <n>',
      'the N ports most often found open (instead of -p)',
      positiveInteger('--top-ports'),
    )
    .option(
      '--checks <families>',
      `comma-separated ${checkFamilies.join(', ')}; all or none (default all)`,
      parseChecks,
      [...checkFamilies],
    )
    .option(
      '--scope <cidr>',
      'the only addresses the scan may touch (repeatable; default: only what the targets name)',
      collect,
      [],
    )
    .option('--exclude <cidr>', 'never touch these addresses (repeatable)', collect, [])
    .option('--udp', 'probe well-known UDP services too (DNS, NTP, SNMP)')
    .option('--no-discovery', 'scan every address without checking first that the host is up')
    .option('--internet-facing', 'judge exposure as for hosts the internet reaches')
    .option('--rate <n>', 'new connections per second, at most', positiveInteger('--rate'))
    .option('--concurrency <n>', 'connections in flight at once, at most', positiveInteger('--concurrency'))
    .option(
      '--timeout <ms>',
      'how long one probe or check may wait on one endpoint',
      positiveInteger('--timeout'),
    )
    .option('--format <format>', scanFormats.join(', '), parseChoice('--format', scanFormats), 'table')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding is at or above: ${severities.join(', ')}`,
      parseFailOn,
    )
    .option('--output <file>', 'write the report here instead of standard output')
    .action(async (targets: string[], opts: ScanOptions) => {
      if (opts.ports !== undefined && opts.topPorts !== undefined)
        throw new UsageError('-p and --top-ports choose the ports two ways: give one');
      const ports = opts.topPorts !== undefined ? `top-${opts.topPorts}` : (opts.ports ?? defaultPorts);
      const progress = createProgress();
      // Ctrl-C stops the probes in flight and leaves the terminal clean, rather than killing mid-line.
      const interrupt = new AbortController();
      const onInterrupt = () => interrupt.abort(new Error('interrupted'));
      process.once('SIGINT', onInterrupt);
      let report: ScanReport;
      try {
        report = await runNetworkScan(
          {
            targets,
            ports,
            scope: opts.scope,
            exclude: opts.exclude,
            checks: opts.checks,
            udp: opts.udp === true,
            discovery: opts.discovery,
            internetFacing: opts.internetFacing === true,
            concurrency: opts.concurrency,
            ratePerSecond: opts.rate,
            timeoutMs: opts.timeout,
          },
          { onProgress: (p) => progress.update(() => progressText(p)), signal: interrupt.signal },
        );
      } catch (error) {
        progress.done();
        if (interrupt.signal.aborted) {
          process.stderr.write('vigil: scan interrupted\n');
          process.exitCode = 130;
          return;
        }
        if (error instanceof NetScanError) throw new UsageError(error.message);
        throw error;
      } finally {
        process.off('SIGINT', onInterrupt);
      }
      progress.done();
      if (report.outOfScope && report.outOfScope.length > 0)
        warn(`left alone, outside the scope: ${listed(report.outOfScope)}`);
      if (report.unresolved && report.unresolved.length > 0)
        warn(`no address found for ${listed(report.unresolved)}`);
      if (report.unspecified && report.unspecified.length > 0)
        warn(`left alone, the unspecified address connects to this machine: ${listed(report.unspecified)}`);
      for (const error of report.errors ?? [])
        warn(`${error.stage} on ${endpointName(error.address, error.port)} failed: ${error.message}`);
      await writeReport(opts.output, render(opts.format, report));
      failOn(opts.failOn, report.findings);
    });
}

function render(format: ScanFormat, report: ScanReport): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'jsonl':
      return report.findings.map((finding) => `${JSON.stringify(finding)}\n`).join('');
    case 'sarif':
      return `${JSON.stringify(scanReportSarif(report, { version }), null, 2)}\n`;
    case 'table': {
      const rows = report.hosts.flatMap((host) =>
        host.ports.map((port) => ({
          host,
          port,
          service: host.services.find((s) => s.port === port.port && s.transport === port.transport),
        })),
      );
      const ports = rows.length > 0 ? renderTable(rows, portColumns, 'table') : 'no open ports\n';
      const findings =
        report.findings.length > 0 ? renderTable(report.findings, findingColumns, 'table') : 'no findings\n';
      return `${ports}\n${findings}\n${summary(report)}\n`;
    }
  }
}

/** `2 hosts up of 3 addresses · 2,000 ports probed, 5 open · 7 findings: 1 high, 6 medium · 1 out of scope · 4.1 s`. */
function summary(report: ScanReport): string {
  const { stats, findings } = report;
  const bySeverity = [...severities]
    .reverse()
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`);
  const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  const failed = report.errors?.length ?? 0;
  return [
    `${plural(stats.hostsUp, 'host')} up of ${plural(stats.addresses, 'address', 'addresses')}`,
    `${plural(stats.probes, 'port')} probed, ${count.format(stats.openPorts)} open`,
    `${plural(findings.length, 'finding')}${bySeverity.length > 0 ? `: ${bySeverity.join(', ')}` : ''}`,
    ...(stats.outOfScope > 0 ? [`${count.format(stats.outOfScope)} out of scope`] : []),
    ...(failed > 0 ? [`${plural(failed, 'check')} failed`] : []),
    `${seconds.toFixed(1)} s`,
  ].join(' · ');
}

function progressText(p: ScanProgress): string {
  const total =
    p.total > 0
      ? ` ${count.format(p.done)}/${count.format(p.total)} (${Math.floor((p.done / p.total) * 100)}%)`
      : '';
  return `${p.phase}${total} · ${count.format(p.openPorts)} open · ${plural(p.findings, 'finding')}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

/** The first few, then how many more: a /16 outside the scope must not flood the terminal. */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, 10).join(', ');
  return items.length > 10 ? `${shown} and ${count.format(items.length - 10)} more` : shown;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseChecks(value: string): CheckFamily[] {
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 1 && names[0] === 'all') return [...checkFamilies];
  if (names.length === 1 && names[0] === 'none') return [];
  return names.map((name) => {
    const family = checkFamilies.find((known) => known === name);
    if (!family)
      throw new UsageError(`--checks: expected ${checkFamilies.join(', ')}, all or none, got "${name}"`);
    return family;
  });
}

function positiveInteger(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d{1,9}$/.test(value) || n < 1)
      throw new UsageError(`${option}: expected a positive whole number, got "${value}"`);
    return n;
  };
}
