import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadRules, loadRuleSources } from '../../../src/modules/sigma/load-rules.ts';
import { linuxEvent, rulesFrom, run, sshLoginRules } from './sigma-fixtures.ts';

const codes = (text: string): { errors: string[]; unsupported: string[] } => {
  const loaded = loadRuleSources([{ file: 'r.yml', text }]);
  return {
    errors: loaded.errors.map(({ code }) => code),
    unsupported: loaded.unsupported.map(({ code }) => code),
  };
};

const detection = (fields: string): string => `title: t
${fields}
detection:
  selection:
    raw_data|contains: x
  condition: selection
`;

test('files and directories load recursively; a missing path is an error, not a stop', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-sigma-'));
  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'nested', 'one.yml'), detection('logsource: { product: linux }'));
  writeFileSync(join(dir, 'two.yaml'), detection('logsource: { product: linux }'));
  writeFileSync(join(dir, 'notes.txt'), 'not a rule');
  const loaded = await loadRules([dir, join(dir, 'missing.yml')]);
  assert.deepEqual(loaded.rules.map((rule) => rule.file).sort(), [
    join(dir, 'nested', 'one.yml'),
    join(dir, 'two.yaml'),
  ]);
  assert.deepEqual(
    loaded.errors.map(({ file, code }) => ({ file, code })),
    [{ file: join(dir, 'missing.yml'), code: 'read_failed' }],
  );
});

test('a YAML error fails its document only; duplicate keys are errors', () => {
  const loaded = loadRuleSources([
    { file: 'a.yml', text: `${detection('logsource: { product: linux }')}---\ntitle: [unclosed\n` },
    {
      file: 'b.yml',
      text: 'title: t\ntitle: again\nlogsource: {}\ndetection: { s: { a: 1 }, condition: s }\n',
    },
  ]);
  assert.equal(loaded.rules.length, 1);
  assert.deepEqual(
    loaded.errors.map(({ file, code }) => `${file} ${code}`),
    ['a.yml yaml_invalid', 'b.yml yaml_invalid'],
  );
});

test('logs Vigil cannot have make a rule unsupported, with the reason', () => {
  const unsupported = (logsource: string): string =>
    loadRuleSources([{ file: 'r.yml', text: detection(`logsource: ${logsource}`) }])
      .unsupported.map(({ reason }) => reason)
      .join();
  assert.match(unsupported('{ product: windows, category: process_creation }'), /^product windows: /);
  assert.match(unsupported('{ category: proxy }'), /^category proxy: forward-proxy logs/);
  assert.match(
    unsupported('{ product: linux, category: registry_set }'),
    /^category registry_set: no Vigil source/,
  );
  assert.equal(unsupported('{ product: linux, service: auth }'), '');
  assert.equal(unsupported('{ category: webserver }'), '');
  assert.equal(unsupported('{ service: apache }'), '');
});

test('other taxonomies and status unsupported are unsupported; level sets severity, medium by default', () => {
  assert.deepEqual(codes(detection('taxonomy: ecs\nlogsource: { product: linux }')).unsupported, [
    'taxonomy_unsupported',
  ]);
  assert.deepEqual(codes(detection('status: unsupported\nlogsource: { product: linux }')).unsupported, [
    'status_unsupported',
  ]);
  assert.deepEqual(codes(detection('taxonomy: sigma\nlogsource: { product: linux }')).unsupported, []);
  const { rules } = rulesFrom(
    `${detection('logsource: { product: linux }\nlevel: high')}---\n${detection('logsource: { product: linux }')}`,
  );
  assert.deepEqual(
    rules.map((rule) => rule.severity),
    ['high', 'medium'],
  );
});

test('a second rule with a taken id or name is refused', () => {
  const id = 'id: 929a690e-bef0-4204-a928-ef5e620d6fcc\nlogsource: { product: linux }';
  assert.deepEqual(codes(`${detection(id)}---\n${detection(id)}`).errors, ['rule_duplicate']);
});

const failures = sshLoginRules;

test('correlations find rules by name or id across files; unknown, invalid, unsupported and cyclic references are reported', () => {
  const correlation = (name: string, rules: string[], extra = ''): string => `title: ${name}
name: ${name}
correlation:
  type: event_count
  rules: [${rules.join(', ')}]
  group-by: [SourceIp]
  timespan: 5m
  condition: { gte: 2 }
${extra}`;
  const loaded = loadRuleSources([
    {
      file: 'base.yml',
      text: `${failures}---\n${detection('name: windows_rule\nlogsource: { product: windows }')}`,
    },
    {
      file: 'corr.yml',
      text: [
        correlation('ok', ['failed']),
        correlation('unknown', ['nowhere']),
        correlation('of_unsupported', ['windows_rule']),
        correlation('cycle_a', ['cycle_b']),
        correlation('cycle_b', ['cycle_a']),
        correlation('chained', ['ok']),
        correlation('bad_timespan', ['success']).replace('5m', '5w'),
      ].join('---\n'),
    },
  ]);
  assert.deepEqual(loaded.correlations.map((rule) => rule.key).sort(), ['chained', 'ok']);
  const issues = [...loaded.errors, ...loaded.unsupported]
    .map(({ ruleId, code }) => `${ruleId ?? ''} ${code}`)
    .sort();
  assert.deepEqual(issues, [
    'bad_timespan timespan_invalid',
    'cycle_a reference_cycle',
    'cycle_b reference_cycle',
    'of_unsupported reference_unsupported',
    'unknown reference_unknown',
    'windows_rule logsource_unavailable',
  ]);
});

test('rules a correlation uses do not alert on their own unless it says generate: true', () => {
  const correlation = (generate: boolean): string => `${failures}---
title: brute force
correlation:
  type: event_count
  rules: [failed]
  group-by: [SourceIp]
  timespan: 5m
  condition: { gte: 2 }
generate: ${generate}
`;
  assert.deepEqual(
    rulesFrom(correlation(false)).rules.map((rule) => [rule.name, rule.standalone]),
    [
      ['failed', false],
      ['success', true],
    ],
  );
  assert.equal(rulesFrom(correlation(true)).rules[0]?.standalone, true);
});

test('correlation conditions: unknown bounds, a field where none belongs, a missing field, value_percentile', () => {
  const correlation = (type: string, condition: string): string => `${failures}---
title: c
correlation:
  type: ${type}
  rules: [failed]
  group-by: [SourceIp]
  timespan: 5m
  condition: ${condition}
`;
  assert.deepEqual(codes(correlation('event_count', '{ over: 3 }')).errors, ['correlation_invalid']);
  assert.deepEqual(codes(correlation('event_count', '{ field: User }')).errors, ['correlation_invalid']);
  assert.deepEqual(codes(correlation('event_count', '{ gte: 2, field: User }')).errors, [
    'correlation_invalid',
  ]);
  assert.deepEqual(codes(correlation('value_count', '{ gte: 2 }')).errors, ['correlation_invalid']);
  assert.deepEqual(codes(correlation('value_sum', '{ gte: 2, field: [a, b] }')).errors, [
    'correlation_invalid',
  ]);
  assert.deepEqual(codes(correlation('value_percentile', '{ lte: 1, field: User }')).unsupported, [
    'correlation_type_unsupported',
  ]);
});

test('a filter adds its condition to the rules it names where its logsource fits', () => {
  const filter = (logsource: string): string => `${failures}---
title: ignore the scanner
logsource: ${logsource}
filter:
  rules: [failed, not_loaded]
  selection:
    SourceIp|cidr: 10.0.0.0/8
  condition: not selection
`;
  const failure = (ip: string): ReturnType<typeof linuxEvent> =>
    linuxEvent({
      status: 'Failure',
      src_endpoint: { ip },
      metadata: { product: { name: 'sshd' } },
      logsource: { product: 'linux', service: 'sshd' },
    });
  const fired = (text: string, ip: string): number => run(rulesFrom(text), [failure(ip)]).length;
  assert.equal(fired(filter('{ product: linux }'), '10.1.2.3'), 0);
  assert.equal(fired(filter('{ product: linux }'), '203.0.113.9'), 1);
  assert.equal(fired(filter('{ product: linux, service: sudo }'), '10.1.2.3'), 1);
});
