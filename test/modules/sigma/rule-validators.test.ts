import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { format, resolveConfig } from 'prettier';
import {
  ajvOptions,
  correlationRuleSchema,
  detectionRuleSchema,
  filterSchema,
  uuidFormat,
} from '../../../src/modules/sigma/rule-schemas.ts';

const generatedFile = fileURLToPath(
  new URL('../../../src/modules/sigma/rule-validators.generated.ts', import.meta.url),
);

/** The validators' module as ajv writes it for the schemas today, formatted as the repository is. */
async function validatorsModule(): Promise<string> {
  const ajv = new Ajv2020({ ...ajvOptions, code: { source: true, esm: true } });
  ajv.addFormat('uuid', uuidFormat);
  ajv.addSchema(detectionRuleSchema, 'detection');
  ajv.addSchema(correlationRuleSchema, 'correlation');
  ajv.addSchema(filterSchema, 'filter');
  const code = standaloneCode.default(ajv, {
    detection: 'detection',
    correlation: 'correlation',
    filter: 'filter',
  });
  const header = [
    '// Generated from rule-schemas.ts by test/modules/sigma/rule-validators.test.ts: do not edit.',
    '// VIGIL_UPDATE_GENERATED=1 node --import tsx --test test/modules/sigma/rule-validators.test.ts',
    '/* eslint-disable */',
    '// @ts-nocheck',
    // ajv's ES module output still loads its runtime helpers with require.
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
  ].join('\n');
  const options = await resolveConfig(generatedFile);
  // ES modules are strict already; below the imports the directive would be a stray expression.
  const body = code.replace(/^"use strict";/, '');
  return format(`${header}\n${body}`, { ...options, filepath: generatedFile });
}

test('rule-validators.generated.ts is what ajv compiles from rule-schemas.ts', async () => {
  const expected = await validatorsModule();
  if (process.env.VIGIL_UPDATE_GENERATED) writeFileSync(generatedFile, expected);
  assert.equal(
    readFileSync(generatedFile, 'utf8'),
    expected,
    'the schemas or ajv changed: regenerate (see the file header)',
  );
});
