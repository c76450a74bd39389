import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { createFirewall, type Firewall } from '../../../src/modules/firewall/create-firewall.ts';
import { createToolRunner } from '../../../src/modules/firewall/run-tool.ts';
import { needs } from '../../helpers/requirements.ts';
import { createNetnsPair, needsNetns, type NetnsPair } from './netns.ts';
import {
  blockDropsAndUnblockRestores,
  blockExpiresOnItsOwn,
  checkedAfterEachChange,
  inHours,
  recording,
  syncLeavesExactlyTheList,
} from './scenarios.ts';

const why = 'the iptables fallback is tested for real';
const requirements = [needsNetns(why), needs('ipset', why), needs('iptables', why), needs('ip6tables', why)];

const otherTable = `
table inet other {
  set trusted { type ipv4_addr; flags interval; elements = { 192.0.2.0/24 } }
  chain input { type filter hook input priority 0; policy accept; ip saddr @trusted accept; }
}
`;

describe(
  'the iptables + ipset fallback, in network namespaces',
  requirements.find((option) => option.skip) ?? {},
  () => {
    let pair: NetnsPair;
    let firewall: Firewall;
    let calls: ReturnType<typeof recording>['calls'];
    let otherBefore: string;
    const otherNow = () => pair.inVictim('nft', ['-j', 'list', 'table', 'inet', 'other']);
    const matchRules = (tool: string) =>
      pair
        .inVictim(tool, ['-S'])
        .split('\n')
        .filter((line) => line.includes('--match-set'));

    before(async () => {
      pair = await createNetnsPair();
      pair.inVictim('nft', ['-f', '-'], otherTable);
      otherBefore = otherNow();
      const recorder = recording(createToolRunner({ netns: pair.victim }));
      calls = recorder.calls;
      firewall = checkedAfterEachChange(
        createFirewall({ netns: pair.victim, backend: 'iptables', run: recorder.run }),
        untouched,
      );
    });
    const untouched = () =>
      assert.equal(otherNow(), otherBefore, 'table inet other is byte for byte as it was');
    afterEach(untouched);
    after(() => pair.destroy());

    test('blocking an address drops its connections; unblocking lets them through again', async () => {
      assert.equal(
        firewall.describe(),
        `ipsets vigil-v4 and vigil-v6 (iptables) in network namespace ${pair.victim}`,
      );
      await blockDropsAndUnblockRestores(pair, firewall);
    });

    test('one DROP rule per chain and family, however many changes', async () => {
      await firewall.block([{ address: '198.51.100.1', expiresAt: null }]);
      await firewall.block([{ address: '198.51.100.2', expiresAt: inHours(1) }]);
      assert.deepEqual(matchRules('iptables'), [
        '-A INPUT -m set --match-set vigil-v4 src -j DROP',
        '-A FORWARD -m set --match-set vigil-v4 src -j DROP',
      ]);
      assert.deepEqual(matchRules('ip6tables'), [
        '-A INPUT -m set --match-set vigil-v6 src -j DROP',
        '-A FORWARD -m set --match-set vigil-v6 src -j DROP',
      ]);
      await firewall.sync([]);
    });

    test('an element times out on its own', () => blockExpiresOnItsOwn(pair, firewall));

    test("sync leaves exactly the server's list", () => syncLeavesExactlyTheList(firewall));

    test('10,000 blocks load in one ipset restore', async () => {
      const blocks = Array.from({ length: 10_000 }, (_, index) => ({
        address: `100.64.${index >> 8}.${index & 255}`,
        expiresAt: index % 2 === 0 ? null : inHours(1),
      }));
      calls.length = 0;
      const started = performance.now();
      await firewall.block(blocks);
      const ms = performance.now() - started;
      const restores = calls.filter((call) => call.args.includes('restore'));
      assert.equal(restores.length, 1, 'one ipset restore');
      const restoreMs = restores[0]?.ms ?? Infinity;
      console.log(
        `iptables + ipset: 10,000 new blocks: ipset restore ${restoreMs.toFixed(0)} ms, whole change ${ms.toFixed(0)} ms`,
      );
      assert.equal((await firewall.list()).length, 10_000);
      assert.ok(restoreMs < 1000, `ipset restore took ${restoreMs} ms`);
      assert.ok(ms < 3000, `block took ${ms} ms`);
      await firewall.sync([]);
    });
  },
);
