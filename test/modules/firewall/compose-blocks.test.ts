import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeBlocks, type Block } from '../../../src/modules/firewall/compose-blocks.ts';
import {
  formatIpPrefix,
  parseIpPrefix,
  prefixContains,
  type IpPrefix,
} from '../../../src/modules/firewall/ip-prefix.ts';

const now = 1_000_000;
const prefix = (text: string): IpPrefix => {
  const parsed = parseIpPrefix(text);
  assert.ok(parsed, text);
  return parsed;
};
const block = (text: string, expiresAt: number): Block => ({ prefix: prefix(text), expiresAt });
const shown = (blocks: Block[]) => blocks.map((b) => `${formatIpPrefix(b.prefix)} ${b.expiresAt}`);

/** A small deterministic generator, so a failure repeats. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

/** What the layers mean for one address, straight from the definition. */
function expected(address: IpPrefix, base: Block[], over: Block[]): number | undefined {
  const covering = (blocks: Block[]) =>
    blocks.filter((b) => prefixContains(b.prefix, address)).map((b) => b.expiresAt);
  const tops = covering(over);
  const value =
    tops.length > 0 ? Math.max(...tops) : covering(base).length > 0 ? Math.max(...covering(base)) : undefined;
  return value !== undefined && value > now ? value : undefined;
}

test('composed blocks give every address of a /24 the expiry the layers define, as disjoint merged prefixes', () => {
  const next = random(7);
  const values = [now - 1, now + 1000, now + 2000, Infinity];
  const randomBlock = (lifting: boolean): Block => {
    const length = next(4) === 0 ? 16 + next(8) : 24 + next(9);
    const text = `10.0.${length < 24 ? 0 : next(2) * 128}.${next(256)}/${length}`;
    return {
      prefix: prefix(text),
      expiresAt: lifting && next(3) === 0 ? -Infinity : (values[next(values.length)] ?? 0),
    };
  };
  for (let round = 0; round < 300; round += 1) {
    const base = Array.from({ length: next(12) }, () => randomBlock(false));
    const over = Array.from({ length: next(6) }, () => randomBlock(true));
    const out = composeBlocks({ base, over, now });
    for (let index = 1; index < out.length; index += 1) {
      const [a, b] = [out[index - 1] as Block, out[index] as Block];
      assert.ok(!prefixContains(a.prefix, b.prefix) && !prefixContains(b.prefix, a.prefix), 'disjoint');
      const mergeable =
        a.expiresAt === b.expiresAt &&
        a.prefix.length === b.prefix.length &&
        prefixContains(
          prefix(`${formatIpPrefix({ ...a.prefix, length: 32 })}/${a.prefix.length - 1}`),
          b.prefix,
        );
      assert.ok(!mergeable, `halves left unmerged: ${shown([a, b]).join(', ')}`);
    }
    for (let host = 0; host < 256; host += 1) {
      const address = prefix(`10.0.0.${host}`);
      const holding = out.filter((b) => prefixContains(b.prefix, address));
      assert.ok(holding.length <= 1);
      assert.equal(holding[0]?.expiresAt, expected(address, base, over), `10.0.0.${host} in round ${round}`);
    }
    assert.deepEqual(
      shown(composeBlocks({ base: out, over: [], now })),
      shown(out),
      'composing again changes nothing',
    );
  }
});

test('a longer block inside a shorter one becomes the inner block plus the pieces around it', () => {
  const out = composeBlocks({
    base: [block('10.0.0.0/30', now + 1000), block('10.0.0.1', Infinity)],
    over: [],
    now,
  });
  assert.deepEqual(shown(out), [`10.0.0.0 ${now + 1000}`, `10.0.0.1 Infinity`, `10.0.0.2/31 ${now + 1000}`]);
});

test('lifting one address out of a range leaves the rest blocked; blocking it again restores the range', () => {
  const range = [block('192.0.2.0/24', Infinity)];
  const holed = composeBlocks({ base: range, over: [block('192.0.2.77', -Infinity)], now });
  assert.equal(holed.length, 8);
  assert.ok(holed.every((b) => !prefixContains(b.prefix, prefix('192.0.2.77'))));
  assert.deepEqual(
    shown(composeBlocks({ base: holed, over: [block('192.0.2.77', Infinity)], now })),
    shown(range),
  );
});

test('IPv4 and IPv6 are composed apart, IPv4 first', () => {
  const out = composeBlocks({
    base: [block('2001:db8::/64', now + 5), block('2001:db8::1', Infinity), block('198.51.100.7', Infinity)],
    over: [],
    now,
  });
  assert.equal(formatIpPrefix((out[0] as Block).prefix), '198.51.100.7');
  assert.deepEqual(shown(out).slice(0, 3), [
    '198.51.100.7 Infinity',
    `2001:db8:: ${now + 5}`,
    '2001:db8::1 Infinity',
  ]);
  assert.equal(out.length, 1 + 1 + 1 + 63);
});

test('100,000 addresses compose in well under a second', () => {
  const blocks = Array.from({ length: 100_000 }, (_, index) =>
    block(
      `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
      index % 2 === 0 ? Infinity : now + index,
    ),
  );
  const started = performance.now();
  const out = composeBlocks({ base: blocks, over: [], now });
  const ms = performance.now() - started;
  console.log(`composeBlocks: 100,000 addresses in ${ms.toFixed(0)} ms`);
  assert.equal(out.length, 100_000);
  assert.ok(ms < 2000);
});
