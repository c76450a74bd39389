import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sigmaFieldMap } from '../../../src/protocol/sigma-field-map.ts';

test('docs/detection.md lists the Sigma field map exactly', () => {
  const docs = readFileSync(new URL('../../../docs/detection.md', import.meta.url), 'utf8');
  const section = docs.slice(docs.indexOf('## Sigma field mapping'));
  const rows = [...section.matchAll(/^\| `([^`]+)` +\| `([^`]+)` +\|/gm)].map(([, field, path]) => [
    field,
    path,
  ]);
  assert.deepEqual(Object.fromEntries(rows), sigmaFieldMap);
  assert.equal(rows.length, Object.keys(sigmaFieldMap).length);
});
