import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointOf, normalizeIp } from '../../../src/modules/logparse/normalize-ip.ts';

test('one canonical form per address', () => {
  assert.equal(normalizeIp('192.0.2.1'), '192.0.2.1');
  assert.equal(normalizeIp('::ffff:192.0.2.1'), '192.0.2.1');
  assert.equal(normalizeIp('::FFFF:192.0.2.1'), '192.0.2.1');
  assert.equal(normalizeIp('2001:DB8::1'), '2001:db8::1');
  assert.equal(normalizeIp('[2001:db8::1]'), '2001:db8::1');
  assert.equal(normalizeIp('fe80::1%eth0'), 'fe80::1');
  for (const text of ['192.030.0.6', 'example.com', '999.1.1.1', '', '1.2.3.4:22']) {
    assert.equal(normalizeIp(text), undefined, text);
  }
});

test('endpoints: addresses to ip, names to hostname, ports only when valid', () => {
  assert.deepEqual(endpointOf('::ffff:198.51.100.7', 22), { ip: '198.51.100.7', port: 22 });
  assert.deepEqual(endpointOf('host.example'), { hostname: 'host.example' });
  assert.deepEqual(endpointOf('192.0.2.1', 70000), { ip: '192.0.2.1' });
});
