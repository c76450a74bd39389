import { compileCidr } from './compile-cidr.ts';
import type { TextTest } from './compile-pattern.ts';
import { compileRegex } from './compile-regex.ts';
import { eventField, type EventField } from './event-field.ts';
import { literalSource, type LiteralSource } from './literal-prefilter.ts';
import type { FieldText, Matcher, MatchContext } from './match-context.ts';
import { planModifiers, type ModifierPlan } from './modifier-plan.ts';
import { regexAnchor, type RegexAnchor } from './regex-anchor.ts';
import { checksGate, gateAll, gateAny, type GatedMatcher } from './rule-gate.ts';
import { compareTest, numberOf, timePartOf } from './numeric-value.ts';
import { SigmaError } from './sigma-error.ts';
import { anyChars } from './sigma-pattern.ts';
import { anyCheck, checkList, patternChecks, unfiltered, type Check, type CheckList } from './text-checks.ts';
import { transformValue, type Placeholders } from './transform-values.ts';

const rawData = eventField('raw_data');
const messageField = eventField('message');

type Scalar = string | number | boolean;

/**
 * One `field|modifiers: value(s)` entry of a search identifier. A list of values matches when
 * any matches (every one under `all`); an array field matches when any element does. An empty
 * field name (`'|all':` in a keyword map) is a keyword search.
 */
export function compileFieldItem(key: string, value: unknown, placeholders: Placeholders): GatedMatcher {
  const [name = '', ...modifiers] = key.split('|');
  const plan = planModifiers(modifiers);
  if (value === null) {
    if (modifiers.length > 0 || name === '')
      throw new SigmaError('value_invalid', `${key}: null takes no modifiers`);
    const field = eventField(name);
    return ungated((ctx) => ctx.value(field) == null);
  }
  const values = scalars(key, value, plan);
  if (name === '') return compileKeywords(values, plan, placeholders);
  const field = eventField(name);
  const typed = compileTyped(field, values, plan, placeholders);
  if (!plan.neq) return typed;
  const matcher = typed.matches;
  return ungated((ctx) => ctx.value(field) !== undefined && !matcher(ctx));
}

const ungated = (matches: Matcher): GatedMatcher => ({ matches, gate: undefined });

/** Plain list entries of a search identifier: matched anywhere in the raw line (and message). */
export function compileKeywords(
  values: Scalar[],
  plan: ModifierPlan,
  placeholders: Placeholders,
): GatedMatcher {
  if (plan.type !== 'plain' && plan.type !== 're') {
    throw new SigmaError('modifier_invalid', `keyword searches take string modifiers only, not ${plan.type}`);
  }
  if (plan.timePart !== undefined || plan.neq)
    throw new SigmaError('modifier_invalid', 'keyword searches take string modifiers only');
  const anchored = plan.transforms.some((t) => t === 'contains' || t === 'startswith' || t === 'endswith');
  const regexes = plan.type === 're' ? compileRegexes(values, plan) : undefined;
  const lowered = regexes === undefined ? !plan.cased : regexes.every(({ caseless }) => caseless);
  const [raw, message] = [rawData, messageField].map((field) => literalSource(field, lowered)) as [
    LiteralSource,
    LiteralSource,
  ];
  // One list of checks per searched text, as each text has its own literal ids.
  const checksIn = (source: LiteralSource): Check[][] =>
    regexes === undefined
      ? values.map((value) =>
          patternChecks(
            transformValue(value, plan, placeholders).map((pattern) =>
              anchored ? pattern : [anyChars, ...pattern, anyChars],
            ),
            lowered,
            source,
          ),
        )
      : regexChecks(regexes, source);
  const inRaw = checksIn(raw);
  const inMessage = checksIn(message);
  const found = (ctx: MatchContext, rawChecks: CheckList, messageChecks: CheckList): boolean =>
    anyCheck(ctx, raw, ctx.keywordRaw(), rawChecks) ||
    anyCheck(ctx, message, ctx.keywordMessage(), messageChecks);
  const gate = (rawChecks: CheckList, messageChecks: CheckList) =>
    gateAny([checksGate(raw, rawChecks, false), checksGate(message, messageChecks, true)]);
  if (plan.all) {
    const rawLists = inRaw.map(checkList);
    const messageLists = inMessage.map(checkList);
    return {
      matches: (ctx) => {
        for (let i = 0; i < rawLists.length; i++)
          if (!found(ctx, rawLists[i] as CheckList, messageLists[i] as CheckList)) return false;
        return true;
      },
      gate: gateAll(rawLists.map((list, i) => gate(list, messageLists[i] as CheckList))),
    };
  }
  const anyRaw = checkList(inRaw.flat());
  const anyMessage = checkList(inMessage.flat());
  return { matches: (ctx) => found(ctx, anyRaw, anyMessage), gate: gate(anyRaw, anyMessage) };
}

function compileTyped(
  field: EventField,
  values: Scalar[],
  plan: ModifierPlan,
  placeholders: Placeholders,
): GatedMatcher {
  switch (plan.type) {
    case 'plain': {
      if (plan.timePart !== undefined) return ungated(numericLeaf(field, values, plan));
      const lowered = !plan.cased;
      const source = literalSource(field, lowered);
      const checks = values.map((value) =>
        patternChecks(transformValue(value, plan, placeholders), lowered, source),
      );
      return textLeaf(field, source, checks, plan.all);
    }
    case 're': {
      const regexes = compileRegexes(values, plan);
      const source = literalSource(
        field,
        regexes.every(({ caseless }) => caseless),
      );
      return textLeaf(field, source, regexChecks(regexes, source), plan.all);
    }
    case 'cidr':
      return rawTextLeaf(
        field,
        values.map((value) => compileCidr(stringValue(value, 'cidr'))),
        plan.all,
      );
    case 'compare':
      return ungated(numericLeaf(field, values, plan));
    case 'exists': {
      const expected = values[0];
      if (values.length !== 1 || typeof expected !== 'boolean') {
        throw new SigmaError('value_invalid', 'exists takes true or false');
      }
      return ungated((ctx) => (ctx.value(field) !== undefined) === expected);
    }
    case 'fieldref':
      return ungated(fieldrefLeaf(field, values, plan));
  }
}

/** `checks[i]` are the variants of value i: any variant of any value, or under `all` of every value. */
function textLeaf(field: EventField, source: LiteralSource, checks: Check[][], all: boolean): GatedMatcher {
  if (all) {
    const lists = checks.map(checkList);
    return {
      matches: (ctx) => {
        const text = ctx.text(field);
        for (const value of lists) if (!anyCheck(ctx, source, text, value)) return false;
        return true;
      },
      gate: gateAll(lists.map((list) => checksGate(source, list, false))),
    };
  }
  const flat = checkList(checks.flat());
  return {
    matches: (ctx) => anyCheck(ctx, source, ctx.text(field), flat),
    gate: checksGate(source, flat, false),
  };
}

interface CompiledRegex {
  test: TextTest;
  /** It ignores case, so it may run on lowercased text. */
  caseless: boolean;
  anchor: RegexAnchor | undefined;
}

function compileRegexes(values: Scalar[], plan: ModifierPlan): CompiledRegex[] {
  return values.map((value) => {
    const source = stringValue(value, 're');
    const anchor = regexAnchor(source, plan.regexFlags.has('i'));
    const caseless = plan.regexFlags.has('i') || source.startsWith('(?i)');
    return { test: compileRegex(source, plan.regexFlags), caseless, anchor };
  });
}

/** A regex's anchor filters only on text of the same case handling as the anchor. */
function regexChecks(regexes: readonly CompiledRegex[], source: LiteralSource): Check[][] {
  return regexes.map(({ test, anchor }) => [
    anchor !== undefined && anchor.caseless === source.lowered
      ? { literal: source.register(anchor.literal), test }
      : unfiltered(test),
  ]);
}

function rawTextLeaf(field: EventField, tests: TextTest[], all: boolean): GatedMatcher {
  const source = literalSource(field, false);
  return textLeaf(
    field,
    source,
    tests.map((test) => [unfiltered(test)]),
    all,
  );
}

function numericLeaf(field: EventField, values: Scalar[], plan: ModifierPlan): Matcher {
  const { timePart } = plan;
  const tests = values.map((value) => {
    if (typeof value !== 'number')
      throw new SigmaError(
        'value_invalid',
        `${plan.compare ?? timePart ?? ''} compares numbers, not ${JSON.stringify(value)}`,
      );
    return compareTest(plan.compare, value);
  });
  const numberFrom = timePart === undefined ? numberOf : (value: unknown) => timePartOf(value, timePart);
  const matches = (value: unknown, test: (number: number) => boolean): boolean => {
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (matches(item, test)) return true;
      return false;
    }
    const number = numberFrom(value);
    return number !== undefined && test(number);
  };
  return (ctx) => {
    const value = ctx.value(field);
    for (const test of tests) if (matches(value, test) !== plan.all) return !plan.all;
    return plan.all;
  };
}

/*
 * fieldref compares two fields of the same event (equal by default, or contains/startswith/
 * endswith the other field's value), case-insensitively unless cased.
 */
function fieldrefLeaf(field: EventField, values: Scalar[], plan: ModifierPlan): Matcher {
  const relations = plan.transforms;
  if (relations.length > 1)
    throw new SigmaError('modifier_invalid', `fieldref takes one of ${relations.join(', ')}`);
  const relate = fieldRelation(relations[0]);
  const lowered = !plan.cased;
  const read = (ctx: MatchContext, other: EventField): FieldText =>
    lowered ? ctx.lowerText(other) : ctx.text(other);
  const others = values.map((value) => eventField(stringValue(value, 'fieldref')));
  const related = (own: FieldText, other: FieldText): boolean => {
    if (own === undefined || other === undefined) return false;
    for (const a of typeof own === 'string' ? [own] : own) {
      for (const b of typeof other === 'string' ? [other] : other) if (relate(a, b)) return true;
    }
    return false;
  };
  return (ctx) => {
    const own = read(ctx, field);
    for (const other of others) if (related(own, read(ctx, other)) !== plan.all) return !plan.all;
    return plan.all;
  };
}

function fieldRelation(relation: string | undefined): (own: string, other: string) => boolean {
  switch (relation) {
    case 'contains':
      return (own, other) => own.includes(other);
    case 'startswith':
      return (own, other) => own.startsWith(other);
    case 'endswith':
      return (own, other) => own.endsWith(other);
    default:
      return (own, other) => own === other;
  }
}

function scalars(key: string, value: unknown, plan: ModifierPlan): Scalar[] {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (values.length === 0) throw new SigmaError('value_invalid', `${key}: an empty list matches nothing`);
  for (const item of values) {
    if (item === null)
      throw new SigmaError('value_invalid', `${key}: null cannot be part of a list (use its own selection)`);
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw new SigmaError(
        'value_invalid',
        `${key}: values are strings, numbers or booleans, not ${JSON.stringify(item)}`,
      );
    }
  }
  if (plan.all && values.length < 2)
    throw new SigmaError('modifier_invalid', `${key}: all needs a list of two or more values`);
  return values as Scalar[];
}

function stringValue(value: Scalar, modifier: string): string {
  if (typeof value !== 'string')
    throw new SigmaError('value_invalid', `${modifier} takes a string, not ${JSON.stringify(value)}`);
  return value;
}
