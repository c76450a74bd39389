import { compileFieldItem, compileKeywords } from './compile-field-item.ts';
import { planModifiers } from './modifier-plan.ts';
import { parseCondition, type ConditionNode } from './parse-condition.ts';
import { gateAll, gateAny, type GatedMatcher } from './rule-gate.ts';
import { SigmaError } from './sigma-error.ts';
import type { Placeholders } from './transform-values.ts';

/**
 * A detection section (search identifiers and a condition, or a list of conditions that are
 * or-ed) into one matcher and its gate. Each search identifier is compiled once, and only when
 * the condition uses it.
 */
export function compileDetection(
  identifiers: Readonly<Record<string, unknown>>,
  condition: unknown,
  placeholders: Placeholders,
): GatedMatcher {
  const conditions = Array.isArray(condition) ? (condition as unknown[]) : [condition];
  if (conditions.length === 0 || !conditions.every((item) => typeof item === 'string')) {
    throw new SigmaError('condition_invalid', 'the condition is a string or a list of strings');
  }
  const compiled = new Map<string, GatedMatcher>();
  const identifier = (name: string): GatedMatcher => {
    let matcher = compiled.get(name);
    if (matcher === undefined) {
      if (!Object.hasOwn(identifiers, name)) {
        throw new SigmaError(
          'condition_invalid',
          `the condition names ${name}, which the detection does not define`,
        );
      }
      matcher = compileSearchIdentifier(name, identifiers[name], placeholders);
      compiled.set(name, matcher);
    }
    return matcher;
  };
  const names = Object.keys(identifiers);
  return any(conditions.map((text) => compileNode(parseCondition(text), identifier, names)));
}

function compileNode(
  node: ConditionNode,
  identifier: (name: string) => GatedMatcher,
  names: readonly string[],
): GatedMatcher {
  switch (node.kind) {
    case 'identifier':
      return identifier(node.name);
    case 'not': {
      const item = compileNode(node.item, identifier, names).matches;
      return { matches: (ctx) => !item(ctx), gate: undefined };
    }
    case 'and':
      return every(node.items.map((item) => compileNode(item, identifier, names)));
    case 'or':
      return any(node.items.map((item) => compileNode(item, identifier, names)));
    case 'of': {
      const selected = selectIdentifiers(node.pattern, names);
      const items = selected.map(identifier);
      return node.quantifier === 'all' ? every(items) : any(items);
    }
  }
}

/* `them` is every identifier not starting with `_`; a pattern's `*` matches any characters. */
function selectIdentifiers(pattern: string | undefined, names: readonly string[]): string[] {
  const matches =
    pattern === undefined
      ? (name: string) => !name.startsWith('_')
      : (name: string) => globRegex(pattern).test(name);
  const selected = names.filter(matches);
  if (selected.length === 0) {
    throw new SigmaError('condition_invalid', `${pattern ?? 'them'} matches no search identifier`);
  }
  return selected;
}

const globRegex = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

function compileSearchIdentifier(
  name: string,
  definition: unknown,
  placeholders: Placeholders,
): GatedMatcher {
  try {
    if (Array.isArray(definition)) return compileList(definition as unknown[], placeholders);
    if (isMap(definition)) return compileMap(definition, placeholders);
    throw new SigmaError('detection_invalid', 'a search identifier is a list or a map');
  } catch (error) {
    if (error instanceof SigmaError) throw new SigmaError(error.code, `${name}: ${error.message}`);
    throw error;
  }
}

/** A list: plain values are keywords, maps are alternatives; any item matching is enough. */
function compileList(items: unknown[], placeholders: Placeholders): GatedMatcher {
  if (items.length === 0) throw new SigmaError('detection_invalid', 'an empty list matches nothing');
  const keywords: (string | number | boolean)[] = [];
  const alternatives: GatedMatcher[] = [];
  for (const item of items) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
      keywords.push(item);
    else if (isMap(item)) alternatives.push(compileMap(item, placeholders));
    else
      throw new SigmaError('detection_invalid', `a list holds values or maps, not ${JSON.stringify(item)}`);
  }
  if (keywords.length > 0) alternatives.unshift(compileKeywords(keywords, planModifiers([]), placeholders));
  return any(alternatives);
}

/** A map: every field entry must match. */
function compileMap(map: Readonly<Record<string, unknown>>, placeholders: Placeholders): GatedMatcher {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaError('detection_invalid', 'an empty map matches nothing');
  return every(entries.map(([key, value]) => compileFieldItem(key, value, placeholders)));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function every(items: readonly GatedMatcher[]): GatedMatcher {
  const gate = gateAll(items.map((item) => item.gate));
  const matchers = items.map((item) => item.matches);
  const [first, second] = matchers;
  if (items.length === 1 && first !== undefined) return { matches: first, gate };
  if (items.length === 2 && first !== undefined && second !== undefined)
    return { matches: (ctx) => first(ctx) && second(ctx), gate };
  return {
    matches: (ctx) => {
      for (const item of matchers) if (!item(ctx)) return false;
      return true;
    },
    gate,
  };
}

export function any(items: readonly GatedMatcher[]): GatedMatcher {
  const gate = gateAny(items.map((item) => item.gate));
  const matchers = items.map((item) => item.matches);
  const [first, second] = matchers;
  if (items.length === 1 && first !== undefined) return { matches: first, gate };
  if (items.length === 2 && first !== undefined && second !== undefined)
    return { matches: (ctx) => first(ctx) || second(ctx), gate };
  return {
    matches: (ctx) => {
      for (const item of matchers) if (item(ctx)) return true;
      return false;
    },
    gate,
  };
}
