import assert from 'node:assert/strict';
import type { Firewall } from '../../../src/modules/firewall/create-firewall.ts';
import type { FirewallBlockEntry } from '../../../src/protocol/firewall.ts';
import type { ToolRunner } from '../../../src/modules/firewall/run-tool.ts';
import { attackers, type NetnsPair } from './netns.ts';

/** The same scenarios for both backends; each leaves the firewall empty. */

export const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** Wraps a runner so a test can see which programs ran, with what input, and for how long. */
export function recording(run: ToolRunner) {
  const calls: { program: string; args: readonly string[]; input?: string | undefined; ms: number }[] = [];
  const wrapped: ToolRunner = async (program, args, input) => {
    const started = performance.now();
    const result = await run(program, args, input);
    calls.push({ program, args, input, ms: performance.now() - started });
    return result;
  };
  return { run: wrapped, calls };
}

/** The same firewall, running `check` after every change it makes. */
export function checkedAfterEachChange(firewall: Firewall, check: () => void): Firewall {
  const checked =
    <A extends unknown[], R>(change: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await change(...args);
      } finally {
        check();
      }
    };
  return {
    backend: firewall.backend,
    describe: () => firewall.describe(),
    list: () => firewall.list(),
    block: checked((entries: readonly FirewallBlockEntry[]) => firewall.block(entries)),
    unblock: checked((addresses: readonly string[]) => firewall.unblock(addresses)),
    sync: checked((entries: readonly FirewallBlockEntry[]) => firewall.sync(entries)),
  };
}

export async function blockDropsAndUnblockRestores(pair: NetnsPair, firewall: Firewall): Promise<void> {
  assert.equal(await pair.connect(attackers.v4), 'connected');
  assert.equal(await pair.connect(attackers.v6), 'connected');
  await firewall.block([
    { address: attackers.v4, expiresAt: null },
    { address: attackers.v6, expiresAt: inHours(1) },
  ]);
  // Dropped, not rejected: the attacker waits for a timeout instead of getting an answer.
  assert.equal(await pair.connect(attackers.v4), 'timeout');
  assert.equal(await pair.connect(attackers.v6), 'timeout');
  assert.equal(await pair.connect(attackers.otherV4), 'connected', 'only the blocked address is dropped');
  assert.equal(await pair.connect(attackers.otherV6), 'connected');
  await firewall.unblock([attackers.v4, attackers.v6]);
  assert.equal(await pair.connect(attackers.v4), 'connected');
  assert.equal(await pair.connect(attackers.v6), 'connected');
  assert.deepEqual(await firewall.list(), []);
}

export async function blockExpiresOnItsOwn(pair: NetnsPair, firewall: Firewall): Promise<void> {
  const expiresAt = Date.now() + 2000;
  await firewall.block([{ address: attackers.v4, expiresAt: new Date(expiresAt).toISOString() }]);
  const [element] = await firewall.list();
  assert.equal(element?.address, attackers.v4);
  assert.ok(Math.abs(Date.parse(element.expiresAt ?? '') - expiresAt) < 2000, `expiry ${element.expiresAt}`);
  assert.equal(await pair.connect(attackers.v4), 'timeout');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 1500));
  assert.deepEqual(await firewall.list(), [], 'the kernel removed the element when its timeout ran out');
  assert.equal(await pair.connect(attackers.v4), 'connected');
}

export async function syncLeavesExactlyTheList(firewall: Firewall): Promise<void> {
  const kept = inHours(2);
  await firewall.block([
    { address: '198.51.100.7', expiresAt: inHours(1) },
    { address: '203.0.113.0/24', expiresAt: null },
    { address: '2001:db8::/48', expiresAt: null },
    { address: '192.0.2.1', expiresAt: kept },
  ]);
  const change = await firewall.sync([
    { address: '192.0.2.1', expiresAt: kept },
    { address: '198.51.100.7', expiresAt: null },
    { address: '2001:db8:1::9', expiresAt: null },
  ]);
  assert.deepEqual(
    { added: change.added, removed: change.removed, changed: change.changed, elements: change.elements },
    { added: 1, removed: 2, changed: 1, elements: 3 },
  );
  const listed = await firewall.list();
  assert.deepEqual(
    listed.map((element) => `${element.address} ${element.expiresAt === null ? 'forever' : 'until'}`),
    ['192.0.2.1 until', '198.51.100.7 forever', '2001:db8:1::9 forever'],
  );
  assert.ok(Math.abs(Date.parse(listed[0]?.expiresAt ?? '') - Date.parse(kept)) < 3000);
  const again = await firewall.sync([
    { address: '192.0.2.1', expiresAt: kept },
    { address: '198.51.100.7', expiresAt: null },
    { address: '2001:db8:1::9', expiresAt: null },
  ]);
  assert.deepEqual([again.added, again.removed, again.changed], [0, 0, 0], 'a repeated sync changes nothing');
  await firewall.sync([]);
  assert.deepEqual(await firewall.list(), []);
}
