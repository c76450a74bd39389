/*
 * Why a rule did not load. Codes are stable (tests, `vigil rules lint` and the console key on
 * them); the message is for people. An `unsupported` code means the rule is valid Sigma that
 * Vigil cannot run, an error code means the rule itself is wrong.
 */

export const unsupportedCodes = [
  'logsource_unavailable',
  'placeholder_unknown',
  'taxonomy_unsupported',
  'modifier_not_applicable',
  'correlation_type_unsupported',
  'status_unsupported',
  'reference_unsupported',
] as const;

export const errorCodes = [
  'read_failed',
  'yaml_invalid',
  'schema_invalid',
  'detection_invalid',
  'condition_invalid',
  'modifier_unknown',
  'modifier_invalid',
  'value_invalid',
  'regex_invalid',
  'correlation_invalid',
  'timespan_invalid',
  'reference_unknown',
  'reference_invalid',
  'reference_cycle',
  'rule_duplicate',
] as const;

export type SigmaUnsupportedCode = (typeof unsupportedCodes)[number];
export type SigmaErrorCode = (typeof errorCodes)[number] | SigmaUnsupportedCode;

export class SigmaError extends Error {
  readonly code: SigmaErrorCode;

  constructor(code: SigmaErrorCode, message: string) {
    super(message);
    this.name = 'SigmaError';
    this.code = code;
  }

  get unsupported(): boolean {
    return (unsupportedCodes as readonly string[]).includes(this.code);
  }
}

/** One rule that did not load: which file, which rule when it has an id or name, and why. */
export interface RuleIssue {
  file: string;
  ruleId?: string;
  code: SigmaErrorCode;
  reason: string;
}
