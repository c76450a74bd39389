import { eventField } from './event-field.ts';
import { ruleHead, type RuleDocument } from './rule-head.ts';
import { SigmaError } from './sigma-error.ts';
import type {
  CorrelationInput,
  CorrelationRule,
  CorrelationType,
  GroupSource,
  MeasureCondition,
  SigmaRule,
} from './sigma-rule.ts';

const units: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const bounds = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
type Bound = (typeof bounds)[number];
const valueTypes: readonly CorrelationType[] = ['value_count', 'value_sum', 'value_avg'];

/**
 * A schema-valid correlation document into a runnable correlation; `resolve` finds (or refuses,
 * by throwing) the rule a `rules` entry names. Throws SigmaError.
 */
export function compileCorrelation(
  document: RuleDocument,
  file: string,
  index: number,
  resolve: (reference: string) => SigmaRule,
): CorrelationRule {
  const head = ruleHead(document, file, index);
  const correlation = document.correlation as Record<string, unknown>;
  const type = correlationType(correlation.type);
  const timespan = correlation.timespan as string;
  const timespanMs = parseTimespan(timespan);
  const references = correlation.rules as string[];
  const groupBy = (correlation['group-by'] as string[] | undefined) ?? [];
  const aliases = parseAliases(correlation.aliases);
  const { condition, fields } = parseCondition(type, correlation.condition, references.length);
  const inputs = references.map((reference, order): CorrelationInput => {
    const rule = resolve(reference);
    const fieldName = (name: string): string => {
      const alias = aliases[name];
      if (alias === undefined) return name;
      const named = [reference, rule.name, rule.id].find(
        (key) => key !== undefined && Object.hasOwn(alias, key),
      );
      return named === undefined ? name : (alias[named] as string);
    };
    const group = groupBy.map((name): GroupSource => {
      const field = fieldName(name);
      const inner = rule.kind === 'correlation' ? rule.groupBy.indexOf(field) : -1;
      return inner >= 0 ? { innerGroupIndex: inner } : { field: eventField(field) };
    });
    return { rule, order, group, values: fields.map((name) => eventField(fieldName(name))) };
  });
  const fingerprint = JSON.stringify([type, timespanMs, correlation.condition, groupBy, aliases, references]);
  const generate = document.generate === true;
  return {
    ...head,
    kind: 'correlation',
    type,
    timespanMs,
    groupBy,
    condition,
    inputs,
    generate,
    fingerprint,
  };
}

function correlationType(value: unknown): CorrelationType {
  if (value === 'value_percentile') {
    throw new SigmaError(
      'correlation_type_unsupported',
      'value_percentile: the specification does not define what is compared (a percentile of which values, against which bound)',
    );
  }
  return value as CorrelationType;
}

/** The spec's `number + letter`: s, m, h or d. */
export function parseTimespan(timespan: string): number {
  const match = /^([1-9]\d{0,5})([smhd])$/.exec(timespan);
  const unit = match?.[2];
  if (match === null || unit === undefined) {
    throw new SigmaError(
      'timespan_invalid',
      `timespan ${JSON.stringify(timespan)} is not a number and one of s, m, h, d`,
    );
  }
  return Number(match[1]) * (units[unit] ?? 0);
}

function parseAliases(value: unknown): Record<string, Record<string, unknown>> {
  const aliases = (value ?? {}) as Record<string, Record<string, unknown>>;
  for (const [alias, fields] of Object.entries(aliases)) {
    for (const [rule, field] of Object.entries(fields)) {
      if (typeof field !== 'string') {
        throw new SigmaError(
          'correlation_invalid',
          `alias ${alias} gives ${rule} a field that is not a name`,
        );
      }
    }
  }
  return aliases;
}

function parseCondition(
  type: CorrelationType,
  value: unknown,
  ruleCount: number,
): { condition: MeasureCondition; fields: string[] } {
  const temporal = type === 'temporal' || type === 'temporal_ordered';
  // Temporal correlations without a condition want every referenced rule seen.
  const written = (value ?? (temporal ? { gte: ruleCount } : {})) as Record<string, unknown>;
  const limits: [Bound, number][] = [];
  let fields: string[] = [];
  for (const [key, limit] of Object.entries(written)) {
    if (key === 'field') {
      fields = typeof limit === 'string' ? [limit] : Array.isArray(limit) ? (limit as string[]) : [];
      continue;
    }
    if (!(bounds as readonly string[]).includes(key)) {
      throw new SigmaError(
        'correlation_invalid',
        `condition ${key} is not one of ${bounds.join(', ')}, field`,
      );
    }
    if (typeof limit !== 'number' || !Number.isFinite(limit)) {
      throw new SigmaError('correlation_invalid', `condition ${key} needs a number`);
    }
    limits.push([key as Bound, limit]);
  }
  if (limits.length === 0)
    throw new SigmaError('correlation_invalid', 'the condition has no bound (gt, gte, lt, lte, eq, neq)');
  if (valueTypes.includes(type)) {
    if (fields.length === 0 || fields.some((field) => typeof field !== 'string')) {
      throw new SigmaError(
        'correlation_invalid',
        `${type} needs condition.field naming the field it measures`,
      );
    }
    if (type !== 'value_count' && fields.length > 1)
      throw new SigmaError('correlation_invalid', `${type} measures one field`);
  } else if (fields.length > 0) {
    throw new SigmaError(
      'correlation_invalid',
      `${type} counts events; condition.field belongs to value_* correlations`,
    );
  }
  const tests = limits.map(([bound, limit]) => boundTest(bound, limit));
  // An average can fall again, so it is only ever final at the window's end.
  const rising = type !== 'value_avg' && limits.every(([bound]) => bound === 'gt' || bound === 'gte');
  const threshold = Math.max(
    1,
    ...limits.map(([bound, limit]) => (bound === 'gt' ? Math.floor(limit) + 1 : Math.ceil(limit))),
  );
  return {
    condition: { test: (measure) => tests.every((test) => test(measure)), rising, threshold },
    fields,
  };
}

function boundTest(bound: Bound, limit: number): (measure: number) => boolean {
  switch (bound) {
    case 'gt':
      return (measure) => measure > limit;
    case 'gte':
      return (measure) => measure >= limit;
    case 'lt':
      return (measure) => measure < limit;
    case 'lte':
      return (measure) => measure <= limit;
    case 'eq':
      return (measure) => measure === limit;
    case 'neq':
      return (measure) => measure !== limit;
  }
}
