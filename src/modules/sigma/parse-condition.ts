import { SigmaError } from './sigma-error.ts';

/*
 * The condition grammar of the spec, loosest binding first: `or`, `and`, `not`, `1 of` /
 * `all of`, parentheses. Operators are case-insensitive; identifiers are not.
 */

export type ConditionNode =
  | { kind: 'and' | 'or'; items: ConditionNode[] }
  | { kind: 'not'; item: ConditionNode }
  | { kind: 'identifier'; name: string }
  /** `pattern` is a search-identifier pattern with `*`, or undefined for `them`. */
  | { kind: 'of'; quantifier: 'one' | 'all'; pattern: string | undefined };

const token = /\s*(\(|\)|[^\s()]+)/y;

export function parseCondition(condition: string): ConditionNode {
  if (condition.includes('|')) {
    throw invalid(condition, 'aggregations after `|` are Sigma 1 syntax; write a correlation rule instead');
  }
  const tokens = tokenize(condition);
  let at = 0;
  const peek = (): string | undefined => tokens[at]?.toLowerCase();
  const take = (): string => {
    const next = tokens[at++];
    if (next === undefined) throw invalid(condition, 'it ends too early');
    return next;
  };

  /** `operand (kind operand)*`, one node for the whole run. */
  const chain = (kind: 'and' | 'or', operand: () => ConditionNode): ConditionNode => {
    const items = [operand()];
    while (peek() === kind) {
      at++;
      items.push(operand());
    }
    return items.length === 1 ? (items[0] as ConditionNode) : { kind, items };
  };
  const orExpression = (): ConditionNode => chain('or', andExpression);
  const andExpression = (): ConditionNode => chain('and', notExpression);
  const notExpression = (): ConditionNode => {
    if (peek() !== 'not') return primary();
    at++;
    return { kind: 'not', item: notExpression() };
  };
  const primary = (): ConditionNode => {
    const word = take();
    const lower = word.toLowerCase();
    if (word === '(') {
      const inner = orExpression();
      if (peek() !== ')') throw invalid(condition, 'a parenthesis is not closed');
      at++;
      return inner;
    }
    if ((lower === '1' || lower === 'all') && peek() === 'of') {
      at++;
      const target = take();
      if (target === '(' || target === ')')
        throw invalid(condition, `${word} of needs an identifier pattern or them`);
      return {
        kind: 'of',
        quantifier: lower === '1' ? 'one' : 'all',
        pattern: target.toLowerCase() === 'them' ? undefined : target,
      };
    }
    if (lower === 'of' || peek() === 'of')
      throw invalid(condition, `only "1 of" and "all of" exist, not "${word} of"`);
    if (['and', 'or', 'not', ')'].includes(lower)) throw invalid(condition, `unexpected ${word}`);
    return { kind: 'identifier', name: word };
  };

  const node = orExpression();
  if (at < tokens.length) throw invalid(condition, `unexpected ${tokens[at] ?? ''}`);
  return node;
}

function tokenize(condition: string): string[] {
  const tokens: string[] = [];
  token.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = token.exec(condition)) !== null) tokens.push(match[1] ?? '');
  if (tokens.length === 0) throw invalid(condition, 'it is empty');
  return tokens;
}

const invalid = (condition: string, why: string): SigmaError =>
  new SigmaError('condition_invalid', `condition ${JSON.stringify(condition)}: ${why}`);
