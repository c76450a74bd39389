import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PatchPlan, PatchPlanSummary } from '../../../src/protocol/patch-api.ts';
import type { HandAgent } from '../../helpers/hand-agent.ts';
import { runTs } from '../../helpers/run-ts.ts';
import { testDialects, type TestDatabase } from '../../helpers/test-database.ts';
import { serve, startPatchLab, type PatchLab } from './patch-lab.ts';

/** `vigil patch` against the lab's database, as an operator on the server host runs it. */
describe('vigil patch', () => {
  let db: TestDatabase;
  let lab: PatchLab;
  let web: HandAgent;
  const vigil = (...args: string[]) =>
    runTs('src/cli/main.ts', ['--data-dir', db.dataDir, '--database-url', db.url, 'patch', ...args]);

  before(async () => {
    db = await (testDialects[0] as (typeof testDialects)[number]).create();
    lab = await startPatchLab(db);
    web = await lab.host('web1');
  });
  after(async () => {
    await lab.close();
    await db.dispose();
  });

  test('create, simulate with --wait, approval by another, and usage errors', async () => {
    const bad = await vigil('plan', 'create', '--name', 'x', '--host', 'web1', '--window', 'tomorrow');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--window: expected START\/END/);
    const none = await vigil('plan', 'create', '--name', 'x', '--host', 'nosuchhost');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--host: no host nosuchhost/);

    const created = await vigil(
      'plan',
      'create',
      '--name',
      'cli fix',
      '--host',
      'web1',
      '--canary',
      'web1',
      '--format',
      'json',
    );
    assert.equal(created.code, 0, created.stderr);
    const plan = JSON.parse(created.stdout) as PatchPlan;
    assert.equal(plan.createdBy.startsWith('cli:'), true);
    assert.deepEqual(
      plan.hosts.map((host) => [host.hostname, host.canary, host.status]),
      [['web1', true, 'pending']],
    );

    const answering = (async () => {
      for (let i = 0; i < 100; i += 1) {
        if ((await serve(lab, web)).includes('patch.simulate')) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const simulated = await vigil('plan', 'simulate', plan.id, '--wait', '--timeout', '30');
    await answering;
    assert.equal(simulated.code, 0, simulated.stderr);
    assert.match(simulated.stdout, /web1 \(canary\)\s+simulated\s+hello 1\.0-1→1\.0-2/);

    const own = await vigil('plan', 'approve', plan.id);
    assert.equal(own.code, 2);
    assert.match(own.stderr, /someone else must approve it/);
    const approved = await lab.approver.request<PatchPlan>('POST', `/api/patch-plans/${plan.id}/approve`);
    assert.equal(approved.status, 200);

    const list = await vigil('plans', '--format', 'json');
    const plans = JSON.parse(list.stdout) as PatchPlanSummary[];
    assert.deepEqual(
      plans.map((item) => [item.name, item.status, item.hosts, item.findings]),
      [['cli fix', 'approved', 1, 1]],
    );
    const cancelled = await vigil('plan', 'cancel', plan.id);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, /: cancelled\n/);
  });
});
