import type { Severity } from '../../protocol/finding.ts';
import type { RuleHead } from './sigma-rule.ts';
import { SigmaError } from './sigma-error.ts';

/** A schema-valid rule document: the fields every kind shares are known to have the right types. */
export type RuleDocument = Readonly<Record<string, unknown>> & {
  title: string;
  id?: string;
  name?: string;
  level?: Severity;
  tags?: string[];
  taxonomy?: string;
  status?: string;
};

/** Rules without a level alert as medium: neither noise nor an emergency until someone says so. */
const defaultSeverity: Severity = 'medium';

export function ruleHead(document: RuleDocument, file: string, index: number): RuleHead {
  if (document.taxonomy !== undefined && document.taxonomy !== 'sigma') {
    throw new SigmaError(
      'taxonomy_unsupported',
      `taxonomy ${document.taxonomy}: Vigil maps the Sigma taxonomy's field names (see docs/detection.md)`,
    );
  }
  if (document.status === 'unsupported') {
    throw new SigmaError(
      'status_unsupported',
      'the rule says status: unsupported (it cannot be used as it is)',
    );
  }
  return {
    key: document.id ?? document.name ?? `${file}#${index + 1}`,
    ...(document.id !== undefined && { id: document.id }),
    ...(document.name !== undefined && { name: document.name }),
    title: document.title,
    file,
    severity: document.level ?? defaultSeverity,
    tags: document.tags ?? [],
    standalone: true,
  };
}
