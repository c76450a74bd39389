import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCondition } from '../../../src/modules/sigma/parse-condition.ts';
import { linuxEvent, matches, rulesFrom } from './sigma-fixtures.ts';

/** A rule whose identifiers a, b, c, filter_1, filter_2, _hidden match when the field of that name is 'yes'. */
function ruleWith(condition: string | string[]): string {
  const identifiers = ['a', 'b', 'c', 'filter_1', 'filter_2', '_hidden'];
  return `title: grammar
logsource: { product: linux }
detection:
${identifiers.map((name) => `  ${name}:\n    ${name}: 'yes'`).join('\n')}
  condition: ${JSON.stringify(condition)}
`;
}

const event = (...yes: string[]): ReturnType<typeof linuxEvent> =>
  linuxEvent({ unmapped: Object.fromEntries(yes.map((name) => [name, 'yes'])) });

function truth(condition: string | string[], ...yes: string[]): boolean {
  return matches(ruleWith(condition), event(...yes));
}

test('and binds tighter than or, not tighter than and', () => {
  assert.equal(truth('a or b and c', 'a'), true);
  assert.equal(truth('a or b and c', 'b'), false);
  assert.equal(truth('(a or b) and c', 'a'), false);
  assert.equal(truth('not a and b', 'b'), true);
  assert.equal(truth('not a and b', 'a', 'b'), false);
  assert.equal(truth('not (a and b)', 'a'), true);
  assert.equal(truth('not not a', 'a'), true);
  assert.deepEqual(parseCondition('a or not b and c'), {
    kind: 'or',
    items: [
      { kind: 'identifier', name: 'a' },
      {
        kind: 'and',
        items: [
          { kind: 'not', item: { kind: 'identifier', name: 'b' } },
          { kind: 'identifier', name: 'c' },
        ],
      },
    ],
  });
});

test('x of binds tighter than not; patterns use * anywhere', () => {
  assert.equal(truth('a and not 1 of filter_*', 'a'), true);
  assert.equal(truth('a and not 1 of filter_*', 'a', 'filter_2'), false);
  assert.equal(truth('all of filter_*', 'filter_1'), false);
  assert.equal(truth('all of filter_*', 'filter_1', 'filter_2'), true);
  assert.equal(truth('1 of *_2', 'filter_2'), true);
  assert.equal(truth('1 of f*r_1', 'filter_1'), true);
});

test('them is every identifier not starting with an underscore', () => {
  assert.equal(truth('1 of them', '_hidden'), false);
  assert.equal(truth('1 of them', 'c'), true);
  assert.equal(truth('all of them', 'a', 'b', 'c', 'filter_1', 'filter_2'), true);
  assert.equal(truth('all of them', 'a', 'b', 'c', 'filter_1'), false);
  assert.equal(truth('1 of _*', '_hidden'), true);
});

test('a list of conditions is their or; operators are case-insensitive', () => {
  assert.equal(truth(['a and b', 'c'], 'c'), true);
  assert.equal(truth(['a and b', 'c'], 'a'), false);
  assert.equal(truth('a AND NOT b', 'a'), true);
  assert.equal(truth('((a))', 'a'), true);
});

test('bad conditions are refused with condition_invalid and the reason', () => {
  const reasons = (condition: string): string[] =>
    rulesFrom(ruleWith(condition), { allowProblems: true }).errors.map(
      ({ code, reason }) => `${code}: ${reason}`,
    );
  assert.match(reasons('a and')[0] ?? '', /^condition_invalid: .*ends too early/);
  assert.match(reasons('(a or b')[0] ?? '', /^condition_invalid: .*not closed/);
  assert.match(reasons('a b')[0] ?? '', /^condition_invalid: .*unexpected b/);
  assert.match(reasons('missing')[0] ?? '', /^condition_invalid: .*names missing/);
  assert.match(
    reasons('1 of nothing_*')[0] ?? '',
    /^condition_invalid: nothing_\* matches no search identifier/,
  );
  assert.match(reasons('2 of filter_*')[0] ?? '', /^condition_invalid: .*only "1 of" and "all of"/);
  assert.match(reasons('a | count() > 5')[0] ?? '', /^condition_invalid: .*correlation rule/);
  assert.match(reasons('')[0] ?? '', /^condition_invalid/);
});
