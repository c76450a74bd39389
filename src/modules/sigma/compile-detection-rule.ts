import { compileDetection } from './compile-detection.ts';
import { unavailableReason, type RuleLogSource } from './logsource.ts';
import { ruleHead, type RuleDocument } from './rule-head.ts';
import { SigmaError } from './sigma-error.ts';
import type { DetectionRule } from './sigma-rule.ts';
import type { Placeholders } from './transform-values.ts';

/** A schema-valid detection rule document into a runnable rule; throws SigmaError. */
export function compileDetectionRule(
  document: RuleDocument,
  file: string,
  index: number,
  placeholders: Placeholders,
): DetectionRule {
  const head = ruleHead(document, file, index);
  const logsource = ruleLogSource(document.logsource);
  const unavailable = unavailableReason(logsource);
  if (unavailable !== undefined) throw new SigmaError('logsource_unavailable', unavailable);
  const { condition, ...identifiers } = document.detection as Record<string, unknown>;
  return {
    ...head,
    kind: 'detection',
    logsource,
    ...compileDetection(identifiers, condition, placeholders),
  };
}

/** Logsource values are lower case by the spec; folding them here forgives a stray capital. */
export function ruleLogSource(value: unknown): RuleLogSource {
  const { product, category, service } = value as Record<string, string | undefined>;
  return {
    ...(product !== undefined && { product: product.toLowerCase() }),
    ...(category !== undefined && { category: category.toLowerCase() }),
    ...(service !== undefined && { service: service.toLowerCase() }),
  };
}
