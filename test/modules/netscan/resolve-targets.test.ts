import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NetScanError, type NetScanErrorCode } from '../../../src/modules/netscan/net-scan-error.ts';
import { resolveTargets, type ResolveTargetsOptions } from '../../../src/modules/netscan/resolve-targets.ts';

/** A resolver from a table, recording what it was asked. */
function resolver(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = (name: string) => {
    asked.push(name);
    const answer = table[name];
    return answer ? Promise.resolve(answer) : Promise.reject(new Error('ENOTFOUND'));
  };
  return { asked, resolve };
}

const open: ResolveTargetsOptions = { scope: [], exclude: [] };

async function rejects(
  specs: string[],
  code: NetScanErrorCode,
  options: Partial<ResolveTargetsOptions> = {},
) {
  await assert.rejects(
    resolveTargets(specs, { ...open, resolve: resolver({}).resolve, ...options }),
    (error: unknown) => error instanceof NetScanError && error.code === code,
    JSON.stringify(specs).slice(0, 60),
  );
}

test('addresses and CIDR ranges of both families expand in order, each once', async () => {
  const result = await resolveTargets(['10.0.0.4/30', '10.0.0.5', '2001:DB8::0:1', '2001:db8::/127'], open);
  assert.deepEqual(
    result.addresses.map((entry) => entry.address),
    ['10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7', '2001:db8::1', '2001:db8::'],
  );
  assert.deepEqual(result.outOfScope, []);
  // A range given with host bits names the whole network, as nmap reads it.
  assert.equal((await resolveTargets(['192.168.7.9/31'], open)).addresses[0]?.address, '192.168.7.8');
  // IPv4-mapped IPv6 is the IPv4 address its packets go to.
  assert.deepEqual((await resolveTargets(['::ffff:10.1.2.3'], open)).addresses, [
    { address: '10.1.2.3', names: [] },
  ]);
});

test('names resolve to every address, remembered on each; answers are validated', async () => {
  const { asked, resolve } = resolver({
    'web.example': ['10.0.0.1', '2001:db8::10', 'not an address', '10.0.0.1/8', '::FFFF:10.0.0.2'],
    'db.example': ['10.0.0.1'],
  });
  const result = await resolveTargets(['web.example', 'DB.example.', 'gone.example'], { ...open, resolve });
  assert.deepEqual(asked.sort(), ['db.example', 'gone.example', 'web.example']);
  assert.deepEqual(result.addresses, [
    { address: '10.0.0.1', names: ['web.example', 'db.example'] },
    { address: '2001:db8::10', names: ['web.example'] },
    { address: '10.0.0.2', names: ['web.example'] },
  ]);
  assert.deepEqual(result.unresolved, ['gone.example']);
});

test('the scope keeps ranges and names inside it; what falls outside is counted, not scanned', async () => {
  const { resolve } = resolver({
    'mixed.example': ['10.1.0.9', '192.0.2.1', '2001:db8:1::9', '2001:db8:2::9'],
  });
  const result = await resolveTargets(['10.1.0.6/30', 'mixed.example', '192.0.2.7', '2001:db8:2::/126'], {
    scope: ['10.1.0.0/24', '2001:db8:1::/48'],
    exclude: ['10.1.0.5'],
    resolve,
  });
  assert.deepEqual(
    result.addresses.map((entry) => entry.address),
    ['10.1.0.4', '10.1.0.6', '10.1.0.7', '10.1.0.9', '2001:db8:1::9'],
  );
  assert.deepEqual(result.outOfScope.sort(), [
    '10.1.0.5',
    '192.0.2.1',
    '192.0.2.7',
    '2001:db8:2::',
    '2001:db8:2::1',
    '2001:db8:2::2',
    '2001:db8:2::3',
    '2001:db8:2::9',
  ]);
  assert.equal(result.inScope('10.1.0.9'), true);
  assert.equal(result.inScope('::ffff:10.1.0.9'), true);
  assert.equal(result.inScope('2001:DB8:1:0::9'), true);
  // In the scope's ranges but not among the targets: still not to be touched.
  assert.equal(result.inScope('10.1.0.200'), false);
  for (const address of [
    '10.1.0.5',
    '192.0.2.1',
    '2001:db8:2::9',
    'mixed.example',
    '10.1.0.9/32',
    '',
    '10.1.0.09',
  ])
    assert.equal(result.inScope(address), false, address);
});

test('an empty scope allows exactly what the targets name, minus exclusions', async () => {
  const { resolve } = resolver({ 'a.example': ['198.51.100.1', '198.51.100.2'] });
  const result = await resolveTargets(['a.example', '203.0.113.0/30'], {
    scope: [],
    exclude: ['198.51.100.2', '203.0.113.0/31'],
    resolve,
  });
  assert.deepEqual(
    result.addresses.map((entry) => entry.address),
    ['203.0.113.2', '203.0.113.3', '198.51.100.1'],
  );
  assert.deepEqual(result.outOfScope.sort(), ['198.51.100.2', '203.0.113.0', '203.0.113.1']);
  assert.equal(result.inScope('203.0.113.1'), false);
  assert.equal(result.inScope('198.51.100.1'), true);
});

test('expansion is capped: large ranges are refused before any address is made', async () => {
  assert.equal((await resolveTargets(['10.0.0.0/16'], open)).addresses.length, 65_536);
  await rejects(['10.0.0.0/15'], 'too-many-addresses');
  await rejects(['0.0.0.0/0'], 'too-many-addresses');
  await rejects(['2001:db8::/64'], 'too-many-addresses');
  await rejects(['::/0'], 'too-many-addresses');
  await rejects(['10.0.0.0/17', '10.1.0.0/17', '10.2.0.0/24'], 'too-many-addresses');
  await rejects(['10.0.0.0/24'], 'too-many-addresses', { maxAddresses: 255 });
  assert.equal((await resolveTargets(['2001:db8::/112'], open)).addresses.length, 65_536);
  const { resolve } = resolver({
    'many.example': Array.from({ length: 200 }, (_, index) => `10.9.0.${index}`),
  });
  // One name gives at most 64 addresses, however many DNS returns.
  assert.equal((await resolveTargets(['many.example'], { ...open, resolve })).addresses.length, 64);
  await rejects(['many.example', '10.0.0.0/24'], 'too-many-addresses', { resolve, maxAddresses: 300 });
});

test('hostile and malformed targets are refused with bad-target, scopes with bad-scope', async () => {
  for (const spec of [
    '',
    ' ',
    '10.0.0.1/33',
    '10.0.0.1/-1',
    '10.0.0.256',
    '010.0.0.1',
    '1.2.3',
    '0x7f.1',
    '127.1',
    '2130706433',
    'fe80::1%eth0',
    '[::1]',
    'http://example.com',
    'a..b',
    '-leading.example',
    'under_score.example',
    'exa mple.com',
    'x'.repeat(64),
    `${'a.'.repeat(127)}com`,
    'example.com;id',
    'ex\u0000ample.com',
    'bücher.example',
    '10.0.0.0/8/8',
  ])
    await rejects([spec], 'bad-target');
  await rejects(
    Array.from({ length: 5000 }, () => '10.0.0.1'),
    'bad-target',
  );
  await rejects(['10.0.0.1'], 'bad-scope', { scope: ['10.0.0.0/33'] });
  await rejects(['10.0.0.1'], 'bad-scope', { exclude: ['corp.example'] });
});

test('the unspecified addresses are refused as targets and left out of ranges and answers', async () => {
  for (const spec of ['0.0.0.0', '::', '0.0.0.0/32', '::/128', '::ffff:0.0.0.0', '0:0::0'])
    await rejects([spec], 'bad-target');
  await assert.rejects(resolveTargets(['::'], open), /unspecified address, which connects to this machine/);
  const { resolve } = resolver({ 'sinkhole.example': ['0.0.0.0', '::', '10.0.0.9'] });
  const result = await resolveTargets(['0.0.0.0/31', '::/127', 'sinkhole.example'], { ...open, resolve });
  assert.deepEqual(
    result.addresses.map((entry) => entry.address),
    ['0.0.0.1', '::1', '10.0.0.9'],
  );
  assert.deepEqual(result.unspecified, ['0.0.0.0', '::']);
  assert.deepEqual(result.unresolved, []);
  assert.equal(result.inScope('0.0.0.0'), false);
  assert.equal(result.inScope('::'), false);
});
