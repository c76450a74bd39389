import type { LoadedRules } from '../modules/sigma/load-rules.ts';

/** Invalid rules are always reported; unsupported ones only when asked (SigmaHQ has many). */
export function reportRuleIssues(loaded: LoadedRules, options: { verbose: boolean }): void {
  for (const issue of loaded.errors) {
    process.stderr.write(
      `invalid rule ${issue.file}${issue.ruleId ? ` (${issue.ruleId})` : ''}: ${issue.reason}\n`,
    );
  }
  if (options.verbose) {
    for (const issue of loaded.unsupported) {
      process.stderr.write(
        `unsupported rule ${issue.file}${issue.ruleId ? ` (${issue.ruleId})` : ''}: ${issue.reason}\n`,
      );
    }
  } else if (loaded.unsupported.length > 0) {
    process.stderr.write(
      `${loaded.unsupported.length} rules are not supported here (vigil rules lint lists why)\n`,
    );
  }
}
