import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { BoundedBatcher, type BoundedBatcherOptions } from '../../src/modules/syslog/bounded-batcher.ts';

function batcher(overrides: Partial<BoundedBatcherOptions<string>> = {}) {
  const written: string[][] = [];
  const failed: string[][] = [];
  const instance = new BoundedBatcher<string>({
    maxBatch: 3,
    maxDelayMs: 20,
    maxItems: 100,
    maxBytes: 1000,
    sizeOf: (item) => item.length,
    write: (batch) => {
      written.push(batch);
      return Promise.resolve();
    },
    onWriteError: (_error, batch) => failed.push(batch),
    ...overrides,
  });
  return { instance, written, failed };
}

test('a full batch is written at once; a partial one after the delay', async () => {
  const { instance, written } = batcher();
  for (const item of ['a', 'b', 'c']) instance.add(item);
  await sleep(0);
  assert.deepEqual(written, [['a', 'b', 'c']]);
  instance.add('d');
  await sleep(5);
  assert.deepEqual(written, [['a', 'b', 'c']]);
  await sleep(40);
  assert.deepEqual(written, [['a', 'b', 'c'], ['d']]);
});

test('items that arrive during a write go in the next one, whatever the delay', async () => {
  let release = (): void => undefined;
  const { instance, written } = batcher({
    maxBatch: 2,
    maxDelayMs: 60_000,
    write: (batch) => {
      written.push(batch);
      return new Promise((resolve) => (release = resolve));
    },
  });
  instance.add('a');
  instance.add('b');
  instance.add('c');
  await sleep(0);
  assert.deepEqual(written, [['a', 'b']]);
  release();
  await sleep(0);
  assert.deepEqual(written, [['a', 'b'], ['c']]);
  release();
  await instance.close();
});

test('what is held is bounded in items and bytes, counting the batch being written', async () => {
  let release = (): void => undefined;
  const written: string[][] = [];
  const { instance } = batcher({
    maxItems: 3,
    maxBytes: 10,
    write: (batch) => {
      written.push(batch);
      return new Promise((resolve) => (release = resolve));
    },
  });
  assert.deepEqual(
    ['a', 'b', 'c', 'd'].map((item) => instance.add(item)),
    [true, true, true, false],
  );
  await sleep(0);
  assert.equal(instance.add('e'), false, 'the batch in flight still counts');
  release();
  await sleep(0);
  assert.equal(instance.add('0123456789'), true);
  assert.equal(instance.add('f'), false, 'over the byte bound');
  const closing = instance.close();
  await sleep(0);
  release();
  await closing;
  assert.deepEqual(written, [['a', 'b', 'c'], ['0123456789']]);
});

test('a failed write is reported with its items and the batcher carries on', async () => {
  let calls = 0;
  const { instance, failed, written } = batcher({
    write: (batch) => {
      calls++;
      if (calls === 1) return Promise.reject(new Error('database down'));
      written.push(batch);
      return Promise.resolve();
    },
  });
  for (const item of ['a', 'b', 'c', 'd']) instance.add(item);
  await instance.close();
  assert.deepEqual(failed, [['a', 'b', 'c']]);
  assert.deepEqual(written, [['d']]);
});

test('close writes everything still held', async () => {
  const { instance, written } = batcher({ maxDelayMs: 60_000 });
  instance.add('a');
  await instance.close();
  assert.deepEqual(written, [['a']]);
});
