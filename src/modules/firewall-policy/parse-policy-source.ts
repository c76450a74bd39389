import { parseDocument } from 'yaml';
import { AppError, issuesFromZod } from '../../platform/errors.ts';
import { FirewallPolicy } from '../../protocol/firewall-policy.ts';
import type { ProblemIssue } from '../../protocol/problem.ts';

/** How many issues the one-line message names; `issues` carries them all. */
const shownIssues = 5;

/**
 * A policy from its YAML (docs/firewall-policy.md). YAML 1.2 with duplicate keys refused and
 * aliases limited, as the configuration file is read. Anything wrong is `policy_invalid` (422)
 * with every issue's path and message, and a one-line summary the CLI prints as it is.
 */
export function parsePolicySource(source: string): FirewallPolicy {
  // prettyErrors gives each error its line and column; the message's own copy and excerpt are dropped.
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0)
    throw invalid(
      doc.errors.map((error) => {
        const at = error.linePos?.[0];
        const what = (error.message.split('\n')[0] ?? 'invalid YAML').replace(
          / at line \d+, column \d+:$/,
          '',
        );
        return { path: '(root)', message: at ? `line ${at.line}, column ${at.col}: ${what}` : what };
      }),
    );
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw invalid([{ path: '(root)', message: error instanceof Error ? error.message : String(error) }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid([
      { path: '(root)', message: 'the policy must be a mapping of keys (name, groups, inbound, …)' },
    ]);
  const parsed = FirewallPolicy.safeParse(value);
  if (!parsed.success) throw invalid(issuesFromZod(parsed.error.issues));
  return parsed.data;
}

export function invalid(issues: ProblemIssue[]): AppError {
  const named = issues
    .slice(0, shownIssues)
    .map((issue) => (issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`));
  const more = issues.length > shownIssues ? `; and ${issues.length - shownIssues} more` : '';
  return new AppError('policy_invalid', `${named.join('; ')}${more}`, { issues });
}
