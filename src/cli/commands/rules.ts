import type { Command } from 'commander';
import { runRuleTests } from '../../modules/detect/run-rule-tests.ts';
import { loadRules } from '../../modules/sigma/load-rules.ts';
import { UsageError } from '../cli-error.ts';
import { reportRuleIssues } from '../report-rule-issues.ts';
import { dirname } from 'node:path';
import { stat } from 'node:fs/promises';

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('check Sigma rules and run their embedded tests');

  rules
    .command('lint')
    .description('validate rules against the Sigma specification; exits 1 if any is invalid')
    .argument('<path...>', 'rule files or directories')
    .action(async (paths: string[]) => {
      const loaded = await loadRules(paths);
      reportRuleIssues(loaded, { verbose: true });
      process.stdout.write(
        `${loaded.rules.length} rules and ${loaded.correlations.length} correlations loaded, ${loaded.unsupported.length} unsupported, ${loaded.errors.length} invalid\n`,
      );
      if (loaded.errors.length > 0) process.exitCode = 1;
    });

  rules
    .command('test')
    .description('run the tests embedded in rules (their `tests` attribute); exits 1 if any fails')
    .argument('<path...>', 'rule files or directories; a file is tested with the rules beside it')
    .action(async (paths: string[]) => {
      const context = await Promise.all(
        paths.map(async (path) =>
          (await stat(path).catch(() => undefined))?.isFile() ? dirname(path) : path,
        ),
      );
      const loaded = await loadRules([...new Set(context)]);
      reportRuleIssues(loaded, { verbose: false });
      const results = await runRuleTests(paths, loaded);
      if (results.length === 0) throw new UsageError('no rule under these paths has tests');
      for (const result of results) {
        const mark = result.passed ? 'ok  ' : 'FAIL';
        const detail =
          result.error ?? (result.passed ? '' : ` (expected ${result.expected}, got ${result.actual})`);
        process.stdout.write(`${mark} ${result.file} ${result.test}${detail}\n`);
      }
      const failed = results.filter((result) => !result.passed).length;
      process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
      if (failed > 0 || loaded.errors.length > 0) process.exitCode = 1;
    });
}
