import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NetScanError } from '../../../src/modules/netscan/net-scan-error.ts';
import { parsePortSpec } from '../../../src/modules/netscan/parse-port-spec.ts';
import { topTcpPorts } from '../../../src/modules/netscan/top-tcp-ports.ts';

const badPorts = (spec: string) =>
  assert.throws(
    () => parsePortSpec(spec),
    (error: unknown) => error instanceof NetScanError && error.code === 'bad-ports',
    spec.slice(0, 40),
  );

test('lists and ranges, each port once, ascending', () => {
  assert.deepEqual(parsePortSpec('22,80,8000-8003'), [22, 80, 8000, 8001, 8002, 8003]);
  assert.deepEqual(parsePortSpec(' 443 , 80,80, 79-81 '), [79, 80, 81, 443]);
  assert.deepEqual(parsePortSpec('65535,1'), [1, 65535]);
  assert.deepEqual(parsePortSpec('5-5'), [5]);
});

test('all and - are every port', () => {
  for (const spec of ['all', '-', '22,all']) {
    const ports = parsePortSpec(spec);
    assert.equal(ports.length, 65_535);
    assert.equal(ports[0], 1);
    assert.equal(ports.at(-1), 65_535);
  }
});

test('top-N takes the first N ranked ports; the ranked list is unique and long enough', () => {
  assert.equal(new Set(topTcpPorts).size, topTcpPorts.length);
  assert.ok(topTcpPorts.length >= 200, `${topTcpPorts.length} ranked ports`);
  assert.ok(topTcpPorts.every((port) => Number.isInteger(port) && port >= 1 && port <= 65_535));
  assert.deepEqual(parsePortSpec('top-3'), [22, 80, 443]);
  const top100 = parsePortSpec('top-100');
  assert.equal(top100.length, 100);
  for (const port of [21, 22, 23, 25, 53, 80, 110, 143, 443, 445, 3306, 3389, 5432, 6379, 27017, 1883, 4222])
    assert.ok(top100.includes(port), `top-100 has ${port}`);
  assert.equal(parsePortSpec(`top-${topTcpPorts.length}`).length, topTcpPorts.length);
  assert.deepEqual(parsePortSpec('top-1,8080'), [80, 8080]);
});

test('bad and hostile specs are refused with bad-ports', () => {
  for (const spec of [
    '',
    ',',
    '22,,80',
    '0',
    '65536',
    '99999999999999999999',
    '-1',
    '80-',
    '-80',
    '90-80',
    '1-2-3',
    'top-0',
    `top-${topTcpPorts.length + 1}`,
    'top-',
    'top-x',
    'http',
    '22 80',
    '0x50',
    '1e3',
    '８０',
    '22;rm -rf /',
    '\u0000',
    'a'.repeat(70_000),
  ])
    badPorts(spec);
});

test('a long hostile spec costs linear time', () => {
  const started = performance.now();
  badPorts(`${'1-65535,'.repeat(8000)}x`);
  assert.deepEqual(parsePortSpec(`${'1-65535,'.repeat(8000)}1`).length, 65_535);
  assert.ok(performance.now() - started < 2000);
});

test('the message quotes a capped, escaped spec', () => {
  assert.throws(
    () => parsePortSpec(`${'9'.repeat(500)}\n`),
    (error: unknown) => error instanceof Error && error.message.length < 200 && !error.message.includes('\n'),
  );
});
