import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { createFirewall, type Firewall } from '../../../src/modules/firewall/create-firewall.ts';
import { firewallTaskHandlers } from '../../../src/modules/firewall/firewall-task-handlers.ts';
import { createToolRunner } from '../../../src/modules/firewall/run-tool.ts';
import { attackers, createNetnsPair, needsNetns, type NetnsPair } from './netns.ts';
import {
  blockDropsAndUnblockRestores,
  blockExpiresOnItsOwn,
  checkedAfterEachChange,
  inHours,
  recording,
  syncLeavesExactlyTheList,
} from './scenarios.ts';

/** Another tool's table, as fail2ban or CrowdSec would keep one: it must never change. */
const otherTable = `
table inet other {
  set trusted { type ipv4_addr; flags interval; elements = { 192.0.2.0/24, 198.51.100.7 } }
  chain input {
    type filter hook input priority 0; policy accept;
    ip saddr @trusted accept
    tcp dport 9 drop
  }
}
table ip filter {
  chain INPUT { type filter hook input priority 0; policy accept; }
}
`;

interface NftObject {
  [kind: string]: { family?: string; table?: string; name?: string } | undefined;
}

describe(
  'the nftables firewall, in network namespaces',
  needsNetns('the firewall tests block real traffic'),
  () => {
    let pair: NetnsPair;
    let firewall: Firewall;
    /** The same firewall without the checks, for timing. */
    let unchecked: Firewall;
    let calls: ReturnType<typeof recording>['calls'];
    let otherBefore: string;
    let restBefore: string;

    const otherNow = () => pair.inVictim('nft', ['-j', 'list', 'table', 'inet', 'other']);
    /** The whole ruleset but Vigil's table, whose counters and elements change. */
    const restNow = () =>
      JSON.stringify(
        (
          JSON.parse(pair.inVictim('nft', ['-j', 'list', 'ruleset'])) as { nftables: NftObject[] }
        ).nftables.filter(
          (object) =>
            !Object.values(object).some(
              (value) => value?.family === 'inet' && (value.table === 'vigil' || value.name === 'vigil'),
            ),
        ),
      );

    const untouched = () => {
      assert.equal(otherNow(), otherBefore, 'table inet other is byte for byte as it was');
      assert.equal(restNow(), restBefore, 'nothing outside table inet vigil changed');
    };

    before(async () => {
      pair = await createNetnsPair();
      pair.inVictim('nft', ['-f', '-'], otherTable);
      otherBefore = otherNow();
      restBefore = restNow();
      const recorder = recording(createToolRunner({ netns: pair.victim }));
      calls = recorder.calls;
      unchecked = createFirewall({ netns: pair.victim, backend: 'nftables', run: recorder.run });
      firewall = checkedAfterEachChange(unchecked, untouched);
    });
    afterEach(() => {
      untouched();
      calls.length = 0;
    });
    after(() => pair.destroy());

    test('nothing is created before the first change', async () => {
      assert.deepEqual(await firewall.list(), []);
      assert.match(pair.inVictim('nft', ['list', 'tables']), /^table inet other\ntable ip filter\n$/);
    });

    test('blocking an address drops its connections; unblocking lets them through again', () =>
      blockDropsAndUnblockRestores(pair, firewall));

    test("Vigil's table: two sets with timeouts, input and forward chains at priority -10 that drop from them", () => {
      const table = JSON.parse(pair.inVictim('nft', ['-j', 'list', 'table', 'inet', 'vigil'])) as {
        nftables: Record<string, Record<string, unknown>>[];
      };
      const of = (kind: string) => table.nftables.flatMap((object) => (object[kind] ? [object[kind]] : []));
      assert.deepEqual(
        of('set').map((set) => [set.name, set.type, set.flags]),
        [
          ['blocked_v4', 'ipv4_addr', ['interval', 'timeout']],
          ['blocked_v6', 'ipv6_addr', ['interval', 'timeout']],
        ],
      );
      assert.deepEqual(
        of('chain').map((chain) => [chain.name, chain.hook, chain.prio, chain.policy]),
        [
          ['block_input', 'input', -10, 'accept'],
          ['block_forward', 'forward', -10, 'accept'],
        ],
      );
      assert.deepEqual(
        of('rule').map((rule) => [rule.chain, rule.comment]),
        [
          ['block_input', 'vigil-blocked-v4'],
          ['block_input', 'vigil-blocked-v6'],
          ['block_forward', 'vigil-blocked-v4'],
          ['block_forward', 'vigil-blocked-v6'],
        ],
      );
      assert.match(
        pair.inVictim('nft', ['list', 'chain', 'inet', 'vigil', 'block_input']),
        /ip saddr @blocked_v4 counter packets \d+ bytes \d+ drop/,
      );
    });

    test('an element times out on its own', () => blockExpiresOnItsOwn(pair, firewall));

    test("sync leaves exactly the server's list, touching only what differs", async () => {
      await syncLeavesExactlyTheList(firewall);
      const writes = calls.filter((call) => call.args.includes('-f'));
      // block, the sync, and the emptying sync write; the repeated sync only reads.
      assert.equal(writes.length, 3);
    });

    test('a wider block around a longer one is kept as pieces; unblocking an address inside it opens only that address', async () => {
      await firewall.block([
        { address: '10.99.0.0/30', expiresAt: inHours(1) },
        { address: attackers.v4, expiresAt: null },
      ]);
      const addresses = async () => (await firewall.list()).map((element) => element.address);
      assert.deepEqual(await addresses(), ['10.99.0.0/31', attackers.v4, attackers.otherV4]);
      assert.equal(await pair.connect(attackers.v4), 'timeout');
      await firewall.unblock([attackers.v4]);
      assert.deepEqual(await addresses(), ['10.99.0.0/31', attackers.otherV4]);
      assert.equal(await pair.connect(attackers.v4), 'connected');
      assert.equal(await pair.connect(attackers.otherV4), 'timeout');
      await firewall.sync([]);
    });

    test('a range someone added by hand becomes prefixes at the next change', async () => {
      pair.inVictim('nft', ['add', 'element', 'inet', 'vigil', 'blocked_v4', '{ 192.0.2.10-192.0.2.20 }']);
      assert.deepEqual(await firewall.list(), [{ address: '192.0.2.10-192.0.2.20', expiresAt: null }]);
      const change = await firewall.block([{ address: '192.0.2.15', expiresAt: null }]);
      assert.equal(change.blockedBefore, 1);
      assert.deepEqual(
        (await firewall.list()).map((element) => element.address),
        ['192.0.2.10/31', '192.0.2.12/30', '192.0.2.16/30', '192.0.2.20'],
      );
      await firewall.sync([]);
    });

    test('rules someone removed from Vigil’s chain are put back by the next change', async () => {
      pair.inVictim('nft', ['flush', 'chain', 'inet', 'vigil', 'block_input']);
      await firewall.block([{ address: '198.51.100.200', expiresAt: null }]);
      assert.match(
        pair.inVictim('nft', ['list', 'chain', 'inet', 'vigil', 'block_input']),
        /vigil-blocked-v4[\s\S]*vigil-blocked-v6/,
      );
      await firewall.sync([]);
    });

    test('10,000 blocks load in one nft batch in well under a second', async () => {
      const blocks = Array.from({ length: 10_000 }, (_, index) => ({
        address:
          index % 4 === 3 ? `2001:db8:${index.toString(16)}::1` : `100.64.${index >> 8}.${index & 255}`,
        expiresAt: index % 2 === 0 ? null : inHours(1 + (index % 24)),
      }));
      const started = performance.now();
      const change = await unchecked.block(blocks);
      const blockMs = performance.now() - started;
      assert.equal(change.added, change.elements);
      const writes = calls.filter((call) => call.args.includes('-f'));
      assert.equal(writes.length, 1, 'one nft transaction');
      const batchMs = writes[0]?.ms ?? Infinity;
      const listed = await firewall.list();
      assert.equal(listed.filter((element) => element.address.startsWith('100.64.')).length, 7500);
      assert.equal(listed.filter((element) => element.address.startsWith('2001:db8:')).length, 2500);

      const replaced = blocks.map((block, index) => ({
        ...block,
        address:
          index % 4 === 3 ? block.address.replace('::1', '::2') : block.address.replace('100.64.', '100.65.'),
      }));
      const syncStarted = performance.now();
      await unchecked.sync(replaced);
      const syncMs = performance.now() - syncStarted;
      const clearStarted = performance.now();
      await unchecked.sync([]);
      const clearMs = performance.now() - clearStarted;
      console.log(
        `nftables: 10,000 new blocks: nft batch ${batchMs.toFixed(0)} ms, whole change ${blockMs.toFixed(0)} ms; ` +
          `sync replacing all 10,000 ${syncMs.toFixed(0)} ms; sync to empty ${clearMs.toFixed(0)} ms`,
      );
      assert.ok(batchMs < 1000, `the nft batch took ${batchMs} ms`);
      // Unloaded, each whole change takes 150-300 ms; the bound leaves room for a busy machine
      // while still catching per-element deletes (7 s for this sync before sets were rewritten).
      assert.ok(blockMs < 3000, `block took ${blockMs} ms`);
      assert.ok(syncMs < 3000, `sync took ${syncMs} ms`);
    });

    test('a hostile address never reaches nft: the handler and the firewall both refuse it', async () => {
      const hostile = [
        '1.2.3.4 } ; flush ruleset ; add element inet vigil blocked_v4 { 9.9.9.9',
        '1.2.3.4\nflush ruleset',
        '10.0.0.0/8 timeout 1s',
        'fe80::1%lo',
        '-f',
        '1.2.3.4/8/8',
        '',
      ];
      const handlers = firewallTaskHandlers(() => Promise.resolve(firewall));
      for (const address of hostile) {
        await assert.rejects(
          handlers['firewall.block']({ blocks: [{ address, expiresAt: null }] }),
          /invalid firewall.block params/,
        );
        await assert.rejects(
          handlers['firewall.unblock']({ addresses: [address] }),
          /invalid firewall.unblock params/,
        );
        await assert.rejects(
          handlers['firewall.sync']({ blocks: [{ address, expiresAt: null }] }),
          /invalid firewall.sync params/,
        );
        await assert.rejects(
          firewall.block([{ address, expiresAt: null }]),
          /not an IP address or CIDR range/,
        );
        await assert.rejects(firewall.unblock([address]), /not an IP address or CIDR range/);
        await assert.rejects(
          firewall.sync([{ address, expiresAt: null }]),
          /not an IP address or CIDR range/,
        );
      }
      assert.deepEqual(calls.length, 0, 'nft never ran');
    });

    test('the task handlers answer with a one-line summary', async () => {
      const handlers = firewallTaskHandlers(() => Promise.resolve(firewall));
      await firewall.block([{ address: '192.0.2.10', expiresAt: null }]);
      assert.equal(
        await handlers['firewall.block']({
          blocks: [
            { address: '192.0.2.10', expiresAt: null },
            { address: '192.0.2.11', expiresAt: inHours(1) },
            { address: '127.0.0.1', expiresAt: null },
          ],
        }),
        `blocked 3 (2 new), table inet vigil in network namespace ${pair.victim}; never blocked here: 127.0.0.0/8 (loopback)`,
      );
      assert.equal(
        await handlers['firewall.unblock']({ addresses: ['192.0.2.10', '192.0.2.99'] }),
        `unblocked 2 (1 was blocked), table inet vigil in network namespace ${pair.victim}`,
      );
      assert.equal(
        await handlers['firewall.sync']({ blocks: [] }),
        `synced 0 blocks as 0 elements (0 added, 1 removed, 0 with a new expiry), table inet vigil in network namespace ${pair.victim}`,
      );
    });
  },
);
