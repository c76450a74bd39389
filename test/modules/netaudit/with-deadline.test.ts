import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withDeadline } from '../../../src/modules/netaudit/with-deadline.ts';

const never = () => new Promise<never>(() => undefined);

test('settles with the work when it finishes in time', async () => {
  assert.equal(await withDeadline(1000, undefined, () => Promise.resolve(42)), 42);
  await assert.rejects(
    withDeadline(1000, undefined, () => Promise.reject(new Error('reset'))),
    { message: 'reset' },
  );
});

test('gives up at the deadline even when the work ignores its signal, and aborts that signal', async () => {
  let seen: AbortSignal | undefined;
  await assert.rejects(
    withDeadline(50, undefined, (signal) => {
      seen = signal;
      return never();
    }),
    { message: 'did not finish within 0 s' },
  );
  assert.equal(seen?.aborted, true);
});

test("the caller's abort wins with its own reason", async () => {
  const controller = new AbortController();
  const running = withDeadline(60_000, controller.signal, never);
  controller.abort(new Error('scan stopped'));
  await assert.rejects(running, { message: 'scan stopped' });
});

test('an abort before the start settles at once', async () => {
  await assert.rejects(withDeadline(60_000, AbortSignal.abort(new Error('already')), never), {
    message: 'already',
  });
});
