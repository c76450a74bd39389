import type { Command } from 'commander';
import { builtinRulesDir } from '../../modules/detect/builtin-rules.ts';
import { detectLogs } from '../../modules/detect/detect-logs.ts';
import { findingOcsf } from '../../modules/detect/finding-ocsf.ts';
import { describeFinding, findingsSarif } from '../../modules/detect/findings-sarif.ts';
import { createDetector } from '../../modules/sigma/create-detector.ts';
import { loadRules } from '../../modules/sigma/load-rules.ts';
import type { Finding } from '../../protocol/finding.ts';
import { version } from '../../server/version.ts';
import { UsageError } from '../cli-error.ts';
import { render, type Column } from '../output.ts';
import { parseChoice } from '../parse.ts';
import { createProgress } from '../progress.ts';
import { reportRuleIssues } from '../report-rule-issues.ts';
import { thousands } from '../thousands.ts';

const detectFormats = ['table', 'json', 'jsonl', 'sarif'] as const;
type DetectFormat = (typeof detectFormats)[number];

interface DetectOptions {
  rules: string[];
  builtin: boolean;
  format: DetectFormat;
  year?: number;
  stats?: boolean;
}

const columns: Column<Finding>[] = [
  { header: 'severity', value: (f) => f.rule.severity },
  { header: 'rule', value: (f) => f.rule.title },
  { header: 'source', value: (f) => f.entities.srcIp },
  { header: 'user', value: (f) => f.entities.user },
  { header: 'host', value: (f) => f.entities.host },
  { header: 'events', value: (f) => f.count },
  { header: 'first seen', value: (f) => new Date(f.firstSeen).toISOString() },
  { header: 'last seen', value: (f) => new Date(f.lastSeen).toISOString() },
];

export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description(
      'hunt through log files offline: parse, run the rules and correlations, print alerts (exit 1 if any)',
    )
    .argument('<file...>', 'log files, plain or .gz, or - for standard input')
    .option('--rules <path>', 'Sigma rule file or directory (repeatable)', collect, [])
    .option('--no-builtin', 'do not load the built-in rule pack')
    .option('--format <format>', detectFormats.join(', '), parseChoice('--format', detectFormats), 'table')
    .option(
      '--year <yyyy>',
      'year for timestamps that carry none (default: from each file’s mtime)',
      parseYear,
    )
    .option('--stats', 'print lines, events, alerts and lines/s to stderr')
    .action(async (files: string[], opts: DetectOptions) => {
      if (files.filter((file) => file === '-').length > 1)
        throw new UsageError('standard input (-) can be read once');
      const paths = [...(opts.builtin ? [builtinRulesDir] : []), ...opts.rules];
      if (paths.length === 0) throw new UsageError('no rules: pass --rules PATH or drop --no-builtin');
      const loaded = await loadRules(paths);
      reportRuleIssues(loaded, { verbose: false });
      if (loaded.rules.length + loaded.correlations.length === 0)
        throw new UsageError('no rule could be loaded');
      const detector = createDetector(loaded);
      const findings: Finding[] = [];
      const progress = createProgress();
      const started = performance.now();
      const stats = await detectLogs(files, detector, {
        ...(opts.year !== undefined ? { year: opts.year } : {}),
        onFinding: (finding) => {
          if (opts.format === 'jsonl') process.stdout.write(`${JSON.stringify(findingOcsf(finding))}\n`);
          else findings.push(finding);
        },
        onProgress: (current) =>
          progress.update(() => `${thousands(current.lines)} lines · ${thousands(current.findings)} alerts`),
      }).catch((error: unknown) => {
        progress.done();
        throw inputError(error);
      });
      progress.done();
      if (opts.format === 'json')
        process.stdout.write(`${JSON.stringify(findings.map(findingOcsf), null, 2)}\n`);
      if (opts.format === 'sarif')
        process.stdout.write(`${JSON.stringify(findingsSarif(findings, { version }), null, 2)}\n`);
      if (opts.format === 'table') {
        process.stdout.write(render(findings, columns, 'table'));
        for (const finding of findings.filter((f) => f.rule.severity === 'critical')) {
          process.stderr.write(`CRITICAL: ${describeFinding(finding)}\n`);
        }
      }
      if (opts.stats) {
        const seconds = (performance.now() - started) / 1000;
        process.stderr.write(
          `${thousands(stats.lines)} lines, ${thousands(stats.events)} events, ${thousands(stats.findings)} alerts in ${seconds.toFixed(2)} s (${thousands(Math.round(stats.lines / seconds))} lines/s); ${loaded.rules.length} rules, ${loaded.correlations.length} correlations\n`,
        );
      }
      if (stats.findings > 0) process.exitCode = 1;
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(`--year: expected a four-digit year, got "${value}"`);
  return Number(value);
}

/** A file that cannot be read is the user's input problem (exit 2), not Vigil's. */
function inputError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'Z_DATA_ERROR') {
    return new UsageError((error as Error).message);
  }
  return error;
}
