import { compileCorrelation } from './compile-correlation.ts';
import { compileDetection, every } from './compile-detection.ts';
import { compileDetectionRule, ruleLogSource } from './compile-detection-rule.ts';
import { parseRuleDocuments, ruleIdOf, type ParsedDocument } from './parse-rule-documents.ts';
import { readRuleSources, type RuleSource } from './read-rule-sources.ts';
import { SigmaError, type RuleIssue } from './sigma-error.ts';
import type { CorrelationRule, DetectionRule, SigmaRule } from './sigma-rule.ts';
import type { Placeholders } from './transform-values.ts';

export interface LoadOptions {
  /** Values for `%name%` placeholders under the expand modifier; a rule using another is unsupported. */
  placeholders?: Placeholders;
}

export interface LoadedRules {
  rules: DetectionRule[];
  correlations: CorrelationRule[];
  /** Rules that are not valid Sigma, with the reason. */
  errors: RuleIssue[];
  /** Valid rules Vigil cannot run (logs it cannot have, an unconfigured placeholder…), with the reason. */
  unsupported: RuleIssue[];
}

/** Loads rule files and directories; a bad rule is reported and never stops the others. */
export async function loadRules(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedRules> {
  const { sources, errors } = await readRuleSources(paths);
  const loaded = loadRuleSources(sources, options);
  return { ...loaded, errors: [...errors, ...loaded.errors] };
}

type Entry =
  | { state: 'pending'; document: ParsedDocument }
  | { state: 'loading'; document: ParsedDocument }
  | { state: 'loaded'; rule: SigmaRule }
  | { state: 'failed'; error: SigmaError };

export function loadRuleSources(sources: readonly RuleSource[], options: LoadOptions = {}): LoadedRules {
  const placeholders = options.placeholders ?? {};
  const errors: RuleIssue[] = [];
  const unsupported: RuleIssue[] = [];
  const report = (document: ParsedDocument, error: unknown): SigmaError => {
    if (!(error instanceof SigmaError)) throw error;
    const issue = {
      file: document.file,
      ...ruleIdOf(document.body),
      code: error.code,
      reason: error.message,
    };
    (error.unsupported ? unsupported : errors).push(issue);
    return error;
  };
  const documents = sources.flatMap((source) => parseRuleDocuments(source, errors));
  const entries = new Map<string, Entry>();
  const register = (document: ParsedDocument, entry: Entry): Entry | undefined => {
    const { id, name } = document.body;
    const taken = [id, name].find((key) => key !== undefined && entries.has(key));
    if (taken !== undefined) {
      report(document, new SigmaError('rule_duplicate', `another rule already has the id or name ${taken}`));
      return undefined;
    }
    for (const key of [id, name]) if (key !== undefined) entries.set(key, entry);
    return entry;
  };

  const rules: DetectionRule[] = [];
  for (const document of documents.filter(({ kind }) => kind === 'detection')) {
    let entry: Entry;
    try {
      const rule = compileDetectionRule(document.body, document.file, document.index, placeholders);
      entry = { state: 'loaded', rule };
      if (register(document, entry) !== undefined) rules.push(rule);
    } catch (error) {
      register(document, { state: 'failed', error: report(document, error) });
    }
  }

  for (const document of documents.filter(({ kind }) => kind === 'filter')) {
    try {
      applyFilter(document, entries, placeholders);
    } catch (error) {
      report(document, error);
    }
  }

  const correlations: CorrelationRule[] = [];
  const pending = documents
    .filter(({ kind }) => kind === 'correlation')
    .flatMap((document) => register(document, { state: 'pending', document }) ?? []);
  const load = (entry: Entry & { state: 'pending' }): SigmaRule => {
    const { document } = entry;
    Object.assign(entry, { state: 'loading' });
    try {
      const rule = compileCorrelation(document.body, document.file, document.index, resolve);
      Object.assign(entry, { state: 'loaded', rule });
      correlations.push(rule);
      return rule;
    } catch (error) {
      const failure = report(document, error);
      Object.assign(entry, { state: 'failed', error: failure });
      throw failure;
    }
  };
  const resolve = (reference: string): SigmaRule => {
    const entry = entries.get(reference);
    if (entry === undefined)
      throw new SigmaError('reference_unknown', `no loaded rule has the id or name ${reference}`);
    switch (entry.state) {
      case 'loaded':
        return entry.rule;
      case 'pending':
        return nested(reference, () => load(entry));
      case 'loading':
        throw new SigmaError(
          'reference_cycle',
          `rule ${reference} refers back to itself through correlations`,
        );
      case 'failed':
        throw new SigmaError(
          entry.error.unsupported ? 'reference_unsupported' : 'reference_invalid',
          `rule ${reference}: ${entry.error.message}`,
        );
    }
  };
  for (const entry of pending) {
    if (entry.state !== 'pending') continue;
    try {
      load(entry);
    } catch {
      // Reported where it failed.
    }
  }
  markStandalone(correlations);
  return { rules, correlations, errors, unsupported };
}

/** A failure inside a referenced correlation is reported there; here it only explains the reference. */
function nested(reference: string, load: () => SigmaRule): SigmaRule {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof SigmaError)) throw error;
    if (error.code === 'reference_cycle') throw error;
    throw new SigmaError(
      error.unsupported ? 'reference_unsupported' : 'reference_invalid',
      `rule ${reference}: ${error.message}`,
    );
  }
}

/*
 * A Sigma filter adds its condition to the rules it names, as pySigma does:
 * `(rule condition) and (filter condition)`, so a filter that drops matches says `not selection`.
 * It applies only where its logsource fits the rule's; names of rules that are not loaded are
 * skipped, since one filter file usually serves many rule sets.
 */
function applyFilter(
  document: ParsedDocument,
  entries: ReadonlyMap<string, Entry>,
  placeholders: Placeholders,
): void {
  const { rules: references, condition, ...identifiers } = document.body.filter as Record<string, unknown>;
  const filter = compileDetection(identifiers, condition, placeholders);
  const logsource = ruleLogSource(document.body.logsource);
  for (const reference of references as string[]) {
    const entry = entries.get(reference);
    if (entry?.state !== 'loaded' || entry.rule.kind !== 'detection') continue;
    const rule = entry.rule;
    const fits = (['product', 'category', 'service'] as const).every(
      (key) => logsource[key] === undefined || logsource[key] === rule.logsource[key],
    );
    if (fits) Object.assign(rule, every([rule, filter]));
  }
}

function markStandalone(correlations: readonly CorrelationRule[]): void {
  const generated = new Set<SigmaRule>();
  const referenced = new Set<SigmaRule>();
  for (const correlation of correlations) {
    for (const { rule } of correlation.inputs) {
      referenced.add(rule);
      if (correlation.generate) generated.add(rule);
    }
  }
  for (const rule of referenced) rule.standalone = generated.has(rule);
}
