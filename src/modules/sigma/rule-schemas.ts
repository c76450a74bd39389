import type { ErrorObject, Options } from 'ajv';
import * as generated from './rule-validators.generated.ts';

/*
 * The Sigma v2.1 JSON schemas (sigma-spec/json-schema: detection rule, correlation rule,
 * filter), restated here because Vigil validates rules where the specification is not
 * installed. Same constraints, same draft (2020-12), without the descriptions. The spec's
 * schemas also hold keywords that constrain nothing (`condition` inside `then`, `gt` as a
 * subschema, array keywords on objects); those are left out, since semantic checks enforce what
 * they meant. One deliberate difference: the rules specification allows a list of conditions,
 * which the detection schema's `condition: string` forgets, so a list of strings is accepted.
 * test/modules/sigma/rule-schemas.test.ts proves both classify the spec's examples, SigmaHQ's
 * rules and a set of broken documents alike.
 */

const text = { type: 'string' };
const uuid = { type: 'string', format: 'uuid' };
const date = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$' };
const title = { type: 'string', maxLength: 256 };
const description = { type: 'string', maxLength: 65535 };
const status = { enum: ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] };
const level = { enum: ['informational', 'low', 'medium', 'high', 'critical'] };
const uniqueTexts = { type: 'array', uniqueItems: true, items: text };
/** Attributes detection and correlation rules define alike. */
const shared = {
  title,
  id: uuid,
  status,
  description,
  author: text,
  references: uniqueTexts,
  date,
  modified: date,
  taxonomy: { type: 'string', maxLength: 256 },
};
const searchIdentifier = {
  anyOf: [{ type: 'array', items: { type: ['string', 'integer', 'object'] } }, { type: 'object' }],
};

export const detectionRuleSchema = {
  type: 'object',
  required: ['title', 'logsource', 'detection'],
  properties: {
    ...shared,
    related: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type'],
        properties: { id: uuid, type: { enum: ['derived', 'obsolete', 'merged', 'renamed', 'similar'] } },
      },
    },
    name: { type: 'string', maxLength: 256 },
    license: text,
    logsource: {
      type: 'object',
      properties: { category: text, product: text, service: text, definition: text },
    },
    detection: {
      type: 'object',
      required: ['condition'],
      properties: {
        condition: { anyOf: [text, { type: 'array', minItems: 1, items: text }] },
      },
      additionalProperties: searchIdentifier,
    },
    fields: uniqueTexts,
    falsepositives: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 2 } },
    level,
    tags: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z0-9_-]+\\.[a-z0-9._-]+$' },
    },
    scope: { type: 'array', items: { type: 'string', minLength: 2 } },
  },
};

const correlationTypes = [
  'event_count',
  'temporal',
  'temporal_ordered',
  'value_count',
  'value_sum',
  'value_avg',
  'value_percentile',
];

export const correlationRuleSchema = {
  type: 'object',
  required: ['title', 'correlation'],
  properties: {
    ...shared,
    correlation: {
      type: 'object',
      required: ['type', 'rules', 'timespan'],
      properties: {
        type: { enum: correlationTypes },
        rules: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 2 } },
        aliases: { type: 'object', additionalProperties: { type: 'object' } },
        'group-by': uniqueTexts,
        timespan: { type: 'string', maxLength: 10 },
        condition: { type: 'object' },
      },
      allOf: correlationTypes.map((type) => ({
        if: { properties: { type: { const: type } } },
        then: {
          required: type.startsWith('temporal')
            ? ['group-by', 'timespan']
            : ['condition', 'group-by', 'timespan'],
        },
      })),
    },
    falsepositives: {
      anyOf: [
        { type: 'string', minLength: 2 },
        { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 2 } },
      ],
    },
    level,
    generate: { type: 'boolean' },
  },
};

export const filterSchema = {
  type: 'object',
  required: ['title', 'logsource', 'filter'],
  properties: {
    title,
    id: uuid,
    description,
    date,
    modified: date,
    taxonomy: { type: 'string', maxLength: 256 },
    logsource: { type: 'object', properties: { category: text, product: text, service: text } },
    filter: {
      type: 'object',
      required: ['rules', 'selection', 'condition'],
      properties: {
        rules: { type: 'array', minItems: 1, uniqueItems: true, items: text },
        selection: searchIdentifier,
        condition: text,
      },
    },
  },
};

export type DocumentKind = 'detection' | 'correlation' | 'filter';

/** The `uuid` format as ajv-formats defines it (that package would add only this one format). */
export const uuidFormat = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/**
 * How ajv compiles the schemas above. It does so ahead of time, into rule-validators.generated.ts
 * (test/modules/sigma/rule-validators.test.ts writes and checks it): loading ajv and compiling
 * at start-up took a third of `vigil detect`'s rule loading.
 */
export const ajvOptions = {
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
} as const satisfies Options;

type Validate = ((document: unknown) => boolean) & { errors?: ErrorObject[] | null };

const validators: Record<DocumentKind, Validate> = generated;

/** Schema problems of one document, or undefined when it is valid. */
export function schemaProblems(kind: DocumentKind, document: unknown): string | undefined {
  const validate = validators[kind];
  if (validate(document)) return undefined;
  return (validate.errors ?? []).slice(0, 3).map(describe).join('; ');
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the rule' : error.instancePath.slice(1).replaceAll('/', '.');
  const allowed =
    error.keyword === 'enum'
      ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
      : '';
  return `${where} ${error.message ?? 'is invalid'}${allowed}`;
}
