import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { schemaProblems, uuidFormat, type DocumentKind } from '../../../src/modules/sigma/rule-schemas.ts';
import { loadRuleSources } from '../../../src/modules/sigma/load-rules.ts';
import { corporaDir, needsCorpora } from '../../helpers/corpora.ts';

const spec = (): string => join(corporaDir() ?? '', 'detect/sigma-spec');

function specValidators(): Record<DocumentKind, ValidateFunction> {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uuid', uuidFormat);
  const schema = (name: string): ValidateFunction =>
    ajv.compile(JSON.parse(readFileSync(join(spec(), 'json-schema', name), 'utf8')) as object);
  return {
    detection: schema('sigma-detection-rule-schema.json'),
    correlation: schema('sigma-correlation-rules-schema.json'),
    filter: schema('sigma-filters-schema.json'),
  };
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yml'))
    .map((file) => join(dir, file))
    .sort();

const documents = (file: string): unknown[] =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as unknown);

/** Documents the spec's schemas must reject, each broken in one way. */
const broken: [DocumentKind, string, unknown][] = [
  ['detection', 'no title', { logsource: {}, detection: { s: { a: 1 }, condition: 's' } }],
  ['detection', 'no logsource', { title: 't', detection: { s: { a: 1 }, condition: 's' } }],
  ['detection', 'no detection', { title: 't', logsource: {} }],
  ['detection', 'no condition', { title: 't', logsource: {}, detection: { s: { a: 1 } } }],
  [
    'detection',
    'id not a uuid',
    { title: 't', id: 'rule-1', logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'unknown level',
    { title: 't', level: 'severe', logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'unknown status',
    { title: 't', status: 'beta', logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'date not ISO',
    { title: 't', date: '2024/01/01', logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'tag without namespace',
    { title: 't', tags: ['t1110'], logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'upper-case tag',
    { title: 't', tags: ['attack.T1110'], logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'duplicate tags',
    { title: 't', tags: ['a.b', 'a.b'], logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'search identifier is a string',
    { title: 't', logsource: {}, detection: { s: 'x', condition: 's' } },
  ],
  [
    'detection',
    'float in a keyword list',
    { title: 't', logsource: {}, detection: { s: [1.5], condition: 's' } },
  ],
  [
    'detection',
    'title too long',
    { title: 'x'.repeat(257), logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'one-letter false positive',
    { title: 't', falsepositives: ['x'], logsource: {}, detection: { s: { a: 1 }, condition: 's' } },
  ],
  [
    'detection',
    'related without type',
    {
      title: 't',
      related: [{ id: '929a690e-bef0-4204-a928-ef5e620d6fcc' }],
      logsource: {},
      detection: { s: { a: 1 }, condition: 's' },
    },
  ],
  [
    'correlation',
    'unknown type',
    {
      title: 't',
      correlation: {
        type: 'event_sum',
        rules: ['ab'],
        'group-by': [],
        timespan: '1h',
        condition: { gte: 1 },
      },
    },
  ],
  [
    'correlation',
    'no rules',
    { title: 't', correlation: { type: 'temporal', 'group-by': [], timespan: '1h' } },
  ],
  [
    'correlation',
    'no timespan',
    { title: 't', correlation: { type: 'temporal', rules: ['ab'], 'group-by': [] } },
  ],
  [
    'correlation',
    'event_count without condition',
    { title: 't', correlation: { type: 'event_count', rules: ['ab'], 'group-by': [], timespan: '1h' } },
  ],
  [
    'correlation',
    'temporal without group-by',
    { title: 't', correlation: { type: 'temporal', rules: ['ab'], timespan: '1h' } },
  ],
  [
    'correlation',
    'one-letter rule reference',
    { title: 't', correlation: { type: 'temporal', rules: ['a'], 'group-by': [], timespan: '1h' } },
  ],
  [
    'correlation',
    'generate not boolean',
    {
      title: 't',
      generate: 'yes',
      correlation: { type: 'temporal', rules: ['ab'], 'group-by': [], timespan: '1h' },
    },
  ],
  [
    'correlation',
    'timespan too long',
    { title: 't', correlation: { type: 'temporal', rules: ['ab'], 'group-by': [], timespan: '12345678901' } },
  ],
  ['filter', 'no filter', { title: 't', logsource: {} }],
  [
    'filter',
    'filter without rules',
    { title: 't', logsource: {}, filter: { selection: { a: 1 }, condition: 'selection' } },
  ],
  [
    'filter',
    'empty rules',
    { title: 't', logsource: {}, filter: { rules: [], selection: { a: 1 }, condition: 'selection' } },
  ],
];

describe('rule schemas', needsCorpora('detect/sigma-spec'), () => {
  test("every example in the spec's tests/ is valid for its kind, under the spec's schemas and Vigil's", () => {
    const validators = specValidators();
    const examples = yamlFiles(join(spec(), 'tests'));
    assert.ok(examples.length >= 12);
    for (const file of examples) {
      const kind: DocumentKind = file.includes('/correlation/')
        ? 'correlation'
        : file.includes('/filter/')
          ? 'filter'
          : 'detection';
      for (const document of documents(file)) {
        assert.ok(validators[kind](document), `${file}: the spec's schema rejects its own example`);
        assert.equal(schemaProblems(kind, document), undefined, file);
      }
    }
  });

  test('broken documents are rejected by both, each for its reason', () => {
    const validators = specValidators();
    for (const [kind, why, document] of broken) {
      assert.equal(validators[kind](document), false, `spec schema accepts: ${why}`);
      assert.notEqual(schemaProblems(kind, document), undefined, `Vigil accepts: ${why}`);
    }
  });

  test('SigmaHQ rules and the built-in pack are classified alike by both', () => {
    const validators = specValidators();
    const files = [
      ...yamlFiles(join(corporaDir() ?? '', 'detect/sigma/rules')),
      ...yamlFiles(new URL('../../../rules', import.meta.url).pathname),
    ];
    for (const file of files) {
      for (const document of documents(file)) {
        const body = document as Record<string, unknown>;
        const kind: DocumentKind =
          'correlation' in body ? 'correlation' : 'filter' in body ? 'filter' : 'detection';
        // The built-in pack's embedded tests are a custom field both schemas allow.
        assert.equal(schemaProblems(kind, document) === undefined, validators[kind](document), file);
      }
    }
  });

  test('the one deliberate difference: a list of conditions, which the rules specification allows', () => {
    const validators = specValidators();
    const rule = {
      title: 't',
      logsource: {},
      detection: { a: { x: 1 }, b: { y: 2 }, condition: ['a', 'b'] },
    };
    assert.equal(validators.detection(rule), false);
    assert.equal(schemaProblems('detection', rule), undefined);
  });
});

test('a schema error names the field and the rule, and other rules still load', () => {
  const loaded = loadRuleSources([
    {
      file: 'mixed.yml',
      text: `title: bad
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
level: severe
logsource: { product: linux }
detection: { s: { a: 1 }, condition: s }
---
title: good
logsource: { product: linux }
detection: { s: { a: 1 }, condition: s }
`,
    },
  ]);
  assert.equal(loaded.rules.length, 1);
  assert.deepEqual(
    loaded.errors.map(({ file, ruleId, code }) => ({ file, ruleId, code })),
    [{ file: 'mixed.yml', ruleId: '929a690e-bef0-4204-a928-ef5e620d6fcc', code: 'schema_invalid' }],
  );
  assert.match(
    loaded.errors[0]?.reason ?? '',
    /level must be equal to one of the allowed values \(informational, low/,
  );
});
