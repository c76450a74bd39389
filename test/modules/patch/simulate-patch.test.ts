import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { patchTaskHandlers } from '../../../src/modules/patch/patch-task-handlers.ts';
import { simulatePatch } from '../../../src/modules/patch/simulate-patch.ts';
import { compareVersions } from '../../../src/modules/vuln/compare-versions.ts';
import { PatchSimulateResult } from '../../../src/protocol/patch-api.ts';
import { needs } from '../../helpers/requirements.ts';

/* The real apt-get on this Debian machine, in simulation only: nothing is installed. */
describe('simulating upgrades with the real apt-get', needs('apt-get', 'simulations run apt-get -s'), () => {
  const bash = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'bash'], { encoding: 'utf8' });

  test('an installed package whose candidate is new enough is available', async () => {
    const result = await simulatePatch({ manager: 'dpkg', packages: [{ name: 'bash', atLeast: bash }] });
    assert.deepEqual(result.unavailable, []);
    assert.match(result.output, /^\$ apt-get -s -o Debug::NoLocking=1 install --only-upgrade -y bash\n/);
    for (const change of result.changes.filter((c) => c.name === 'bash')) assert.equal(change.from, bash);
  });

  test('a fix newer than any candidate is unavailable, with the candidate; an absent package too', async () => {
    const result = await simulatePatch({
      manager: 'dpkg',
      packages: [
        { name: 'bash', atLeast: '99:1.0-1' },
        { name: 'vigil-no-such-package', atLeast: '1.0' },
      ],
    });
    assert.deepEqual(
      result.unavailable.map((entry) => entry.name),
      ['vigil-no-such-package', 'bash'],
    );
    const candidate = result.unavailable[1]?.candidate;
    assert.ok(candidate && compareVersions('Debian', candidate, bash) >= 0, candidate ?? 'none');
    // Nothing was left to simulate once bash fell out, so no change is claimed for it.
    assert.deepEqual(result.changes, []);
  });

  test('the task handler answers with the result as JSON, and fails with JSON on bad params', async () => {
    const handlers = patchTaskHandlers();
    const signal = new AbortController().signal;
    const output = await handlers['patch.simulate'](
      { manager: 'dpkg', packages: [{ name: 'bash', atLeast: bash }] },
      signal,
    );
    assert.deepEqual(PatchSimulateResult.parse(JSON.parse(output)).unavailable, []);
    const refused = await handlers['patch.simulate'](
      { manager: 'dpkg', packages: [{ name: '-o' }] },
      signal,
    ).then(
      () => assert.fail('accepted'),
      (error: unknown) => JSON.parse((error as Error).message) as { error: string },
    );
    assert.match(refused.error, /^invalid patch\.simulate params/);
  });
});
