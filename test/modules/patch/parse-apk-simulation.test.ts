import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseApkSimulation } from '../../../src/modules/patch/parse-apk-simulation.ts';

/* apk is not installed on this Debian test machine: a sample in the layout apk-tools 2 prints. */

test('apk upgrade --simulate: upgrades, installs, purges; re-installs and triggers are not changes', () => {
  const text = `(1/5) Upgrading musl (1.2.4-r1 -> 1.2.4-r2)
(2/5) Installing libcrypto3 (3.1.4-r5)
(3/5) Purging libcrypto1.1 (1.1.1w-r1)
(4/5) Re-installing busybox (1.36.1-r15)
(5/5) Downgrading tzdata (2024a-r0 -> 2023d-r0)
Executing busybox-1.36.1-r15.trigger
OK: 10 MiB in 18 packages
`;
  assert.deepEqual(parseApkSimulation(text), [
    { name: 'musl', from: '1.2.4-r1', to: '1.2.4-r2', action: 'upgrade' },
    { name: 'libcrypto3', from: null, to: '3.1.4-r5', action: 'install' },
    { name: 'libcrypto1.1', from: '1.1.1w-r1', to: null, action: 'remove' },
    { name: 'tzdata', from: '2024a-r0', to: '2023d-r0', action: 'downgrade' },
  ]);
  assert.deepEqual(parseApkSimulation('(1/1) Upgrading\n(x) Upgrading a (1\nOK: 0 MiB in 0 packages\n'), []);
});
