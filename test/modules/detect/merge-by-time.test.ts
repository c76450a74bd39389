import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeByTime } from '../../../src/modules/detect/merge-by-time.ts';

interface Item {
  time: number;
  stream: number;
}

async function* batches<T>(list: T[][], finished?: () => void): AsyncGenerator<T[]> {
  try {
    for (const batch of list) yield await Promise.resolve(batch);
  } finally {
    finished?.();
  }
}

async function merged(streams: Item[][][], batchSize = 3): Promise<Item[]> {
  const out: Item[] = [];
  const merging = mergeByTime(
    streams.map((list) => batches(list)),
    (item) => item.time,
    batchSize,
  );
  for await (const batch of merging) out.push(...batch);
  return out;
}

test('streams in time order merge in time order, equal times in stream order', async () => {
  let seed = 3;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < 300; round++) {
    const streams = Array.from({ length: random(5) }, (_, stream) => {
      let time = 0;
      const items = Array.from({ length: random(12) }, () => ({ time: (time += random(3)), stream }));
      const list: Item[][] = [];
      // Batches of 0 to 3 items: empty batches are skipped.
      for (let at = 0; at < items.length || random(4) === 0;) {
        const size = random(4);
        list.push(items.slice(at, at + size));
        at += size;
      }
      return list;
    });
    const expected = streams.flat(2).sort((a, b) => a.time - b.time || a.stream - b.stream);
    assert.deepEqual(await merged(streams, 1 + random(4)), expected);
  }
});

test('an item out of order is passed on when its stream is next, not reordered', async () => {
  const a = (time: number) => ({ time, stream: 0 });
  const b = (time: number) => ({ time, stream: 1 });
  assert.deepEqual(await merged([[[a(5), a(1)]], [[b(3)], [b(4)]]]), [b(3), b(4), a(5), a(1)]);
});

test('each item is timed once', async () => {
  let calls = 0;
  const streams = [0, 1, 2].map((stream) =>
    batches([[1, 2, 3].map((time) => ({ time, stream })), [{ time: 4, stream }]]),
  );
  let items = 0;
  for await (const batch of mergeByTime(streams, (item) => (calls++, item.time), 2)) items += batch.length;
  assert.equal(items, 12);
  assert.equal(calls, 12);
});

test('a consumer that stops early closes every stream', async () => {
  const closed: number[] = [];
  const streams = [0, 1].map((stream) =>
    batches([[{ time: stream, stream }], [{ time: 5, stream }]], () => closed.push(stream)),
  );
  for await (const batch of mergeByTime(streams, (item) => item.time, 1)) {
    assert.equal(batch.length, 1);
    break;
  }
  assert.deepEqual(closed.sort(), [0, 1]);
});
