import { parseAllDocuments } from 'yaml';
import type { RuleSource } from './read-rule-sources.ts';
import type { RuleDocument } from './rule-head.ts';
import { schemaProblems, type DocumentKind } from './rule-schemas.ts';
import type { RuleIssue } from './sigma-error.ts';

export interface ParsedDocument {
  file: string;
  /** Position among the file's YAML documents. */
  index: number;
  kind: DocumentKind;
  body: RuleDocument;
}

/**
 * A file's YAML documents (a file may hold several, separated by `---`), each checked against
 * the spec's schema for its kind. A broken document is reported and skipped; the others stand.
 */
export function parseRuleDocuments(source: RuleSource, errors: RuleIssue[]): ParsedDocument[] {
  const documents: ParsedDocument[] = [];
  const parsed = parseAllDocuments(source.text, { uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [];
  list.forEach((document, index) => {
    const problem = document.errors[0];
    if (problem !== undefined) {
      errors.push({
        file: source.file,
        code: 'yaml_invalid',
        reason: problem.message.split('\n')[0] ?? 'invalid YAML',
      });
      return;
    }
    const body: unknown = document.toJS({ maxAliasCount: 50 });
    if (body === null || body === undefined) return;
    const kind = documentKind(body);
    const problems = schemaProblems(kind, body);
    if (problems !== undefined) {
      errors.push({
        file: source.file,
        ...ruleIdOf(body),
        code: 'schema_invalid',
        reason: `${kind} rule: ${problems}`,
      });
      return;
    }
    documents.push({ file: source.file, index, kind, body: body as RuleDocument });
  });
  return documents;
}

function documentKind(body: unknown): DocumentKind {
  if (typeof body === 'object' && body !== null) {
    if ('correlation' in body) return 'correlation';
    if ('filter' in body) return 'filter';
  }
  return 'detection';
}

export function ruleIdOf(body: unknown): { ruleId?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { id, name } = body as Record<string, unknown>;
  const ruleId = typeof id === 'string' ? id : typeof name === 'string' ? name : undefined;
  return ruleId === undefined ? {} : { ruleId };
}
