import { parse } from 'yaml';
import { AppError, issuesFromZod } from '../../platform/errors.ts';
import type { ProblemIssue } from '../../protocol/problem.ts';
import { RawScaPolicy, type ScaPolicy } from '../../protocol/sca.ts';
import { parsePolicy } from '../sca/load-policy.ts';
import { ScaPolicyError } from '../sca/sca-policy-error.ts';

/** How many issues the one-line message names; `issues` carries them all. */
const shownIssues = 5;

/**
 * A policy from its uploaded YAML, loaded by the engine's own parser so the server accepts
 * exactly what agents will run. What does not load is `policy_invalid` (422) with each issue's
 * path; the schema is checked here first only to get those paths. A rule the engine cannot read
 * is no error: it is reported per check, as not applicable, when it runs (the stock CIS policies
 * have a few).
 */
export function parseAuditPolicy(source: string): ScaPolicy {
  let document: unknown;
  try {
    document = parse(source, { maxAliasCount: 100 });
  } catch (error) {
    throw invalid([
      {
        path: '(root)',
        message: (error as Error).message.split('\n')[0]?.replace(/:$/, '') ?? 'invalid YAML',
      },
    ]);
  }
  const raw = RawScaPolicy.safeParse(document);
  if (!raw.success) throw invalid(issuesFromZod(raw.error.issues));
  try {
    return parsePolicy(source, 'policy');
  } catch (error) {
    if (!(error instanceof ScaPolicyError)) throw error;
    throw invalid([{ path: '(root)', message: error.message.replace(/^policy: /, '') }]);
  }
}

function invalid(issues: ProblemIssue[]): AppError {
  const named = issues
    .slice(0, shownIssues)
    .map((issue) => (issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`));
  const more = issues.length > shownIssues ? `; and ${issues.length - shownIssues} more` : '';
  return new AppError('policy_invalid', `${named.join('; ')}${more}`, { issues });
}
