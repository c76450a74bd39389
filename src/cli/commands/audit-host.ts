import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { builtinPoliciesDir, builtinPolicyFiles } from '../../modules/sca/builtin-policies.ts';
import { createLocalHost } from '../../modules/sca/create-local-host.ts';
import { loadPolicyFile } from '../../modules/sca/load-policy.ts';
import { renderHostReport, type AuditedPolicy } from '../../modules/sca/report-html.ts';
import { resultsSarif } from '../../modules/sca/results-sarif.ts';
import { runPolicy } from '../../modules/sca/run-policy.ts';
import { ScaPolicyError } from '../../modules/sca/sca-policy-error.ts';
import type { ScaCheckResult } from '../../protocol/sca.ts';
import { version } from '../../server/version.ts';
import { UsageError } from '../cli-error.ts';
import { render, type Column } from '../output.ts';
import { createProgress } from '../progress.ts';

const auditFormats = ['table', 'json', 'jsonl', 'sarif', 'html'] as const;
type AuditFormat = (typeof auditFormats)[number];

interface AuditHostOptions {
  policy: string[];
  root?: string;
  format: AuditFormat;
  output?: string;
}

const columns: Column<ScaCheckResult>[] = [
  { header: 'result', value: (r) => r.result.replace('_', ' ') },
  { header: 'severity', value: (r) => r.severity },
  { header: 'policy', value: (r) => r.policyId },
  { header: 'id', value: (r) => r.checkId },
  { header: 'check', value: (r) => r.name },
];

export function registerAuditHost(audit: Command): void {
  audit
    .command('host')
    .description(
      'check this host (or a root tree) against security policies in Wazuh SCA format; exit 1 if any check failed',
    )
    .option(
      '--policy <file>',
      `policy file (repeatable; default: the built-in ${builtinPoliciesDir})`,
      collect,
      [],
    )
    .option(
      '--root <dir>',
      'evaluate file and directory rules against this tree instead of / (commands are not run)',
    )
    .option('--format <format>', auditFormats.join(', '), parseAuditFormat, 'table')
    .option('--output <file>', 'write the report here instead of standard output')
    .action(async (opts: AuditHostOptions) => {
      if (opts.root !== undefined && !isDirectory(opts.root))
        throw new UsageError(`--root: ${opts.root} is not a directory`);
      const files = opts.policy.length > 0 ? opts.policy : await builtinPolicyFiles();
      const policies = await Promise.all(
        files.map((file) =>
          loadPolicyFile(file).catch((error: unknown) => {
            throw error instanceof ScaPolicyError
              ? new UsageError(error.message.replace(/\s*\n\s*/g, ' '))
              : error;
          }),
        ),
      );
      const host = createLocalHost({ root: opts.root });
      const progress = createProgress();
      const audited: AuditedPolicy[] = [];
      for (const policy of policies) {
        const run = await runPolicy(policy, host, {
          onCheck: (done, total) => progress.update(() => `${policy.id}: ${done}/${total} checks`),
        });
        audited.push({ policy, run });
      }
      progress.done();
      await emit(opts, audited);
      if (audited.some(({ run }) => run.counts.failed > 0)) process.exitCode = 1;
    });
}

async function emit(opts: AuditHostOptions, audited: AuditedPolicy[]): Promise<void> {
  const runs = audited.map(({ run }) => run);
  let text: string;
  switch (opts.format) {
    case 'json':
      text = `${JSON.stringify(runs, null, 2)}\n`;
      break;
    case 'jsonl':
      text = runs.flatMap((run) => run.results.map((result) => `${JSON.stringify(result)}\n`)).join('');
      break;
    case 'sarif':
      text = `${JSON.stringify(resultsSarif(audited, { version }), null, 2)}\n`;
      break;
    case 'html':
      text = renderHostReport({
        host: hostname(),
        target: opts.root === undefined ? 'this host' : `the tree at ${opts.root}`,
        generatedAt: new Date(),
        version,
        audited,
      });
      break;
    case 'table':
      text =
        render(
          runs.flatMap((run) => run.results),
          columns,
          'table',
        ) + runs.map((run) => summary(run)).join('');
  }
  if (opts.output === undefined) process.stdout.write(text);
  else await writeFile(opts.output, text, { mode: 0o600 });
}

function summary(run: AuditedPolicy['run']): string {
  const score = run.score === null ? 'no applicable checks' : `score ${run.score}%`;
  const why = run.applicable ? '' : ' (requirements not met: the policy does not apply here)';
  return `\n${run.policyId}: ${score}${why} — ${run.counts.passed} passed, ${run.counts.failed} failed, ${run.counts.not_applicable} not applicable in ${(run.durationMs / 1000).toFixed(1)} s\n`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseAuditFormat(value: string): AuditFormat {
  const format = auditFormats.find((known) => known === value);
  if (!format) throw new UsageError(`--format: expected one of ${auditFormats.join(', ')}, got "${value}"`);
  return format;
}
