import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffInstalled, versionsByName } from '../../../src/modules/patch/installed-versions.ts';
import { fitResult } from '../../../src/modules/patch/fit-result.ts';
import { maxTaskOutputChars } from '../../../src/protocol/tasks.ts';
import type { InstalledPackage } from '../../../src/protocol/inventory.ts';
import { managerOrder } from '../../../src/modules/patch/manager-order.ts';

const rpm = managerOrder('rpm');
const pkg = (name: string, version: string): InstalledPackage => ({
  manager: 'rpm',
  name,
  version,
  architecture: 'x86_64',
  source: name,
  sourceVersion: version,
  status: 'installed',
});

test('the package database before and after: upgrades, a new kernel beside the old, removals', () => {
  const before = versionsByName(
    [
      pkg('openssl', '1:3.0.7-24.el9'),
      pkg('kernel', '5.14.0-362.el9'),
      pkg('gone', '1.0-1'),
      pkg('same', '2-1'),
    ],
    rpm,
  );
  const after = versionsByName(
    [
      pkg('openssl', '1:3.0.7-25.el9_3'),
      pkg('kernel', '5.14.0-362.el9'),
      pkg('kernel', '5.14.0-427.el9'),
      pkg('same', '2-1'),
      pkg('fresh', '0.1-1'),
    ],
    rpm,
  );
  assert.deepEqual(diffInstalled(before, after, rpm), [
    { name: 'fresh', from: null, to: '0.1-1', action: 'install' },
    { name: 'gone', from: '1.0-1', to: null, action: 'remove' },
    { name: 'kernel', from: null, to: '5.14.0-427.el9', action: 'install' },
    { name: 'openssl', from: '1:3.0.7-24.el9', to: '1:3.0.7-25.el9_3', action: 'upgrade' },
  ]);
});

test('a result always fits the task output limit as whole JSON', () => {
  const changes = Array.from({ length: 5000 }, (_, i) => ({
    name: `package-${i}-${'x'.repeat(60)}`,
    from: '1.0-1',
    to: '1.0-2',
    action: 'upgrade' as const,
  }));
  const output = '\u0001'.repeat(500_000);
  const json = fitResult({ changes, output, unavailable: [] });
  assert.ok(json.length <= maxTaskOutputChars, String(json.length));
  const parsed = JSON.parse(json) as { changes: unknown[]; output: string };
  assert.ok(parsed.changes.length > 0 && parsed.changes.length < 5000);
  assert.match(parsed.output, /more package changes not shown/);
  const small = fitResult({ changes: changes.slice(0, 2), output: 'a'.repeat(200_000) });
  const kept = JSON.parse(small) as { changes: unknown[]; output: string };
  assert.equal(kept.changes.length, 2);
  assert.ok(kept.output.startsWith('aaa') && kept.output.includes('characters cut'));
});
