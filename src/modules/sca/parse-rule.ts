import { compilePattern, type ScaPattern } from './compile-pattern.ts';
import { ScaPatternError } from './sca-pattern-error.ts';
import { regexCaseless, type ScaDialect } from './sca-dialect.ts';

export type NumericOperator = '<' | '<=' | '==' | '!=' | '>=' | '>';

/** One test of a line (or, in a `d:` rule's middle part, of a file name). */
export type LineTest =
  | { negated: boolean; kind: 'regex'; pattern: ScaPattern; source: string }
  | {
      negated: boolean;
      kind: 'numeric';
      pattern: ScaPattern;
      operator: NumericOperator;
      value: number;
      source: string;
    }
  | { negated: boolean; kind: 'literal'; text: string; source: string };

export interface ParsedRule {
  text: string;
  /** A leading `not`. */
  negated: boolean;
  type: 'f' | 'd' | 'p' | 'c' | 'r';
  /** `f:`/`d:`: paths (a comma-separated list means any of them); `c:` the command; `p:` the process name. */
  targets: string[];
  /** `d:` with two parts: which files of the directory count. */
  names: LineTest[] | undefined;
  /** What some line must satisfy, every test on the same line; undefined for an existence rule. */
  content: LineTest[] | undefined;
  dialect: ScaDialect;
}

export class ScaRuleError extends Error {
  override name = 'ScaRuleError';
}

const ruleHead = /^(not\s+)?!?([fdpcr]):(.*)$/s;
const strictNumeric = /^(.*) compare (<=|>=|==|!=|<|>) (-?\d+)$/s;
/**
 * 4.x also took `=`, `=>`, `=<`, an escaped `\!=` and no space before the value. They are read
 * as meant (`=>` is >=); Wazuh 4.x read all three as ==, which the 5.x migration guide calls a
 * mistake.
 */
const legacyNumeric = /^(.*) compare (<=|>=|==|!=|=>|=<|\\!=|<|>|=) ?(-?\d+)$/s;
const legacyOperators: Record<string, NumericOperator> = { '=': '==', '=>': '>=', '=<': '<=', '\\!=': '!=' };

/**
 * Parses one rule: `[not ]TYPE:TARGET[ -> PART[ -> PART]]`, parts split on ` -> ` and tests on
 * ` && ` (the spaces are part of the syntax). Variables are replaced, longest name first, in
 * the target (4.x) or in the whole rule (5.x, which replaces them throughout the file).
 */
export function parseRule(text: string, dialect: ScaDialect, variables: Record<string, string>): ParsedRule {
  const trimmed = text.trim();
  const expandedRule = dialect.format === '5.x' ? expandVariables(trimmed, variables) : trimmed;
  const head = ruleHead.exec(expandedRule);
  if (!head) throw new ScaRuleError(`"${text.slice(0, 80)}" does not start with f:, d:, p:, c: or r:`);
  const type = head[2] as ParsedRule['type'];
  const [rawTarget = '', ...parts] = (head[3] ?? '').split(' -> ');
  const target = expandVariables(rawTarget.trim(), variables);
  const maxParts = type === 'd' || type === 'r' ? 2 : 1;
  if (parts.length > maxParts)
    throw new ScaRuleError(
      `a ${type}: rule takes at most ${maxParts} "->" part${maxParts > 1 ? 's' : ''}, this one has ${parts.length}`,
    );
  const tests = (part: string) => part.split(' && ').map((item) => parseLineTest(item.trim(), dialect));
  const lists = type === 'f' || type === 'd';
  return {
    text,
    negated: head[1] !== undefined,
    type,
    targets: lists
      ? target
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : [target],
    names: type === 'd' && parts.length === 2 ? tests(parts[0] ?? '') : undefined,
    content: parts.length === 0 ? undefined : tests(parts.at(-1) ?? ''),
    dialect,
  };
}

function expandVariables(text: string, variables: Record<string, string>): string {
  const names = Object.keys(variables).sort((a, b) => b.length - a.length);
  let out = text;
  for (const name of names) out = out.split(name).join(variables[name] ?? '');
  return out;
}

function parseLineTest(item: string, dialect: ScaDialect): LineTest {
  const negated = item.startsWith('!');
  const body = negated ? item.slice(1) : item;
  const caseless = regexCaseless(dialect);
  try {
    if (body.startsWith('r:'))
      return {
        negated,
        kind: 'regex',
        pattern: compilePattern(body.slice(2), dialect.regex, caseless),
        source: item,
      };
    if (body.startsWith('n:')) {
      const numeric = (dialect.format === '4.x' ? legacyNumeric : strictNumeric).exec(body.slice(2));
      if (!numeric)
        throw new ScaRuleError(
          `"${item}" is not "n:REGEX compare OPERATOR NUMBER" (operators <, <=, ==, !=, >=, >)`,
        );
      const operator = legacyOperators[numeric[2] ?? ''] ?? (numeric[2] as NumericOperator);
      return {
        negated,
        kind: 'numeric',
        pattern: compilePattern(numeric[1] ?? '', dialect.regex, caseless),
        operator,
        value: Number(numeric[3]),
        source: item,
      };
    }
  } catch (error) {
    if (error instanceof ScaPatternError) throw new ScaRuleError(error.message);
    throw error;
  }
  return { negated, kind: 'literal', text: body, source: item };
}
