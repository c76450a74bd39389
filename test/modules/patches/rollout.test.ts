import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../../src/platform/clock.ts';
import type { PatchPlan } from '../../../src/protocol/patch-api.ts';
import type { Task } from '../../../src/protocol/tasks.ts';
import { describeEachDialect } from '../../helpers/test-database.ts';
import { auditEntries, type HandAgent } from '../../helpers/hand-agent.ts';
import { ApiClient } from '../../helpers/test-server.ts';
import { answer, openFindings, serve, startPatchLab, waitForPlan, type PatchLab } from './patch-lab.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drafts a plan for every open finding of these hosts, simulates it and has `approver` approve it. */
async function approvedPlan(
  lab: PatchLab,
  agents: HandAgent[],
  extra: Record<string, unknown> = {},
): Promise<PatchPlan> {
  const created = await lab.admin.request<PatchPlan>('POST', '/api/patch-plans', {
    name: 'hello fix',
    agentIds: agents.map((agent) => agent.id),
    ...extra,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal((await lab.admin.request('POST', `/api/patch-plans/${created.body.id}/simulate`)).status, 202);
  await waitForPlan(
    lab,
    created.body.id,
    (plan) => plan.hosts.every((host) => host.status === 'simulated'),
    () => Promise.all(agents.map((agent) => serve(lab, agent))),
  );
  const approved = await lab.approver.request<PatchPlan>(
    'POST',
    `/api/patch-plans/${created.body.id}/approve`,
  );
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  return approved.body;
}

describeEachDialect('patch plans', (_dialect, fresh) => {
  test('approval needs someone else and a finished simulation; patch tasks are not queued by hand', async () => {
    const lab = await startPatchLab(await fresh());
    try {
      const web1 = await lab.host('web1');
      const created = await lab.admin.request<PatchPlan>('POST', '/api/patch-plans', {
        name: 'hello fix',
        groups: ['lab'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const [host] = created.body.hosts;
      assert.deepEqual(host?.packages, [{ name: 'hello', from: '1.0-1', atLeast: '1.0-2', version: null }]);
      assert.deepEqual(host.findingIds, await openFindings(lab, web1));
      const id = created.body.id;
      const early = await lab.approver.request<{ detail: string }>('POST', `/api/patch-plans/${id}/approve`);
      assert.equal(early.status, 409);
      assert.match(early.body.detail, /simulate the plan first/);

      await lab.admin.request('POST', `/api/patch-plans/${id}/simulate`);
      await waitForPlan(
        lab,
        id,
        (plan) => plan.hosts[0]?.status === 'simulated',
        () => serve(lab, web1),
      );
      const own = await lab.admin.request<{ code: string; detail: string }>(
        'POST',
        `/api/patch-plans/${id}/approve`,
      );
      assert.equal(own.status, 409);
      assert.match(own.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.match(own.body.detail, /someone else must approve it/);
      const analyst = await lab.admin.request('POST', '/api/users', {
        username: 'ann',
        role: 'analyst',
        password: 'analyst-passphrase-42',
      });
      assert.equal(analyst.status, 201);
      const ann = new ApiClient(lab.server.url);
      await ann.login('ann', 'analyst-passphrase-42');
      assert.equal((await ann.request('POST', `/api/patch-plans/${id}/approve`)).status, 403);
      assert.equal((await lab.approver.request('POST', `/api/patch-plans/${id}/approve`)).status, 200);

      const byHand = await lab.admin.request<{ detail: string }>('POST', `/api/agents/${web1.id}/tasks`, {
        kind: 'patch.apply',
        params: { manager: 'dpkg', packages: [{ name: 'hello', version: '1.0-2' }] },
      });
      assert.equal(byHand.status, 400);
      assert.match(byHand.body.detail, /patch\.apply tasks are queued through POST \/api\/patch-plans/);
      assert.ok(
        (await auditEntries(lab.admin, 'patches.plans.approve')).some((e) => e.outcome === 'success'),
      );
    } finally {
      await lab.close();
    }
  });

  test('canaries first: the rest start only once every canary is upgraded and verified', async () => {
    const lab = await startPatchLab(await fresh());
    try {
      const [a, b, c] = [await lab.host('a-host'), await lab.host('b-canary'), await lab.host('c-host')];
      const plan = await approvedPlan(lab, [a, b, c], { canary: [b.id] });
      assert.deepEqual(
        plan.hosts.map((host) => [host.hostname, host.canary]),
        [
          ['b-canary', true],
          ['a-host', false],
          ['c-host', false],
        ],
      );
      await lab.admin.request('POST', `/api/patch-plans/${plan.id}/start`);
      // The canary gets its upgrade; the others nothing while it is not verified.
      const kinds = { a: [] as string[], c: [] as string[] };
      let canaryApply: string[] = [];
      for (
        const deadline = Date.now() + 15_000;
        canaryApply.length === 0 && Date.now() < deadline;
        await sleep(200)
      ) {
        kinds.a.push(...(await a.poll(0)).map((task) => task.kind));
        kinds.c.push(...(await c.poll(0)).map((task) => task.kind));
        const tasks = await b.poll(0);
        canaryApply = tasks.map((task) => task.kind);
        for (const task of tasks) await answer(lab, b, task, 'works');
      }
      assert.deepEqual(canaryApply, ['patch.apply']);
      assert.deepEqual(kinds, { a: [], c: [] });
      const done = await waitForPlan(
        lab,
        plan.id,
        (current) => current.status === 'completed',
        () => Promise.all([serve(lab, a), serve(lab, b), serve(lab, c)]),
      );
      assert.deepEqual(
        done.hosts.map((host) => [host.hostname, host.status, host.remainingFindings, host.rebootRequired]),
        [
          ['b-canary', 'succeeded', 0, true],
          ['a-host', 'succeeded', 0, true],
          ['c-host', 'succeeded', 0, true],
        ],
      );
      assert.deepEqual(done.hosts[0]?.servicesToRestart, ['hello.service']);
      for (const agent of [a, b, c]) assert.deepEqual(await openFindings(lab, agent), []);
      const applied = await auditEntries(lab.admin, 'patches.host.apply');
      assert.match(applied.at(-1)?.target ?? '', /plan hello fix \(.+\) host b-canary/);
    } finally {
      await lab.close();
    }
  });

  test('the rollout stops once failed hosts reach the threshold; the failure keeps its output', async () => {
    const lab = await startPatchLab(await fresh(), { patches: { concurrency: 1 } });
    try {
      const hosts = [await lab.host('h1'), await lab.host('h2'), await lab.host('h3')];
      const plan = await approvedPlan(lab, hosts, { failureThreshold: 1 });
      await lab.admin.request('POST', `/api/patch-plans/${plan.id}/start`);
      const stopped = await waitForPlan(
        lab,
        plan.id,
        (current) => current.status === 'stopped',
        () => Promise.all(hosts.map((agent) => serve(lab, agent, 'fails'))),
      );
      assert.deepEqual(
        stopped.hosts.map((host) => host.status),
        ['failed', 'skipped', 'skipped'],
      );
      assert.match(stopped.message ?? '', /1 host\(s\) failed, the failure threshold is 1/);
      const failed = stopped.hosts[0];
      assert.match(failed?.error ?? '', /the upgrade failed: apt-get exited 100/);
      assert.match(failed?.output ?? '', /dpkg returned an error code/);
      // The other hosts never got an upgrade.
      for (const agent of hosts.slice(1)) {
        const tasks = await lab.admin.request<{ tasks: Task[] }>('GET', `/api/agents/${agent.id}/tasks`);
        assert.ok(!tasks.body.tasks.some((task) => task.kind === 'patch.apply'));
      }
      assert.equal((await auditEntries(lab.admin, 'patches.plan.stopped')).length, 1);
    } finally {
      await lab.close();
    }
  });

  test('a plan waits for its maintenance window, and never starts a host after it ends', async () => {
    const clock = fixedClock(new Date());
    // The agents sign with the real time while the server's clock is moved by the test.
    const lab = await startPatchLab(await fresh(), { agents: { maxClockSkewSeconds: 3600 } }, { clock });
    try {
      const web = await lab.host('web');
      const start = new Date(clock.now().getTime() + 1_200_000);
      const window = { start: start.toISOString(), end: new Date(start.getTime() + 1_200_000).toISOString() };
      const plan = await approvedPlan(lab, [web], { window });
      await lab.admin.request('POST', `/api/patch-plans/${plan.id}/start`);
      await sleep(4_500);
      assert.deepEqual(await web.poll(0), []);
      assert.match((await lab.plan(plan.id)).message ?? '', /^waiting for the maintenance window/);
      clock.advance(1_200_000);
      const done = await waitForPlan(
        lab,
        plan.id,
        (current) => current.status === 'completed',
        () => serve(lab, web),
      );
      assert.equal(done.hosts[0]?.status, 'succeeded');

      // A second plan whose window passes while the server waits: it stops without touching the host.
      // The host went back to the old version (a newer inventory says so): the finding reopens.
      clock.advance(1000);
      await lab.report(web, '1.0-1');
      const later = new Date(clock.now().getTime() + 300_000);
      const missed = await approvedPlan(lab, [web], {
        window: { start: later.toISOString(), end: new Date(later.getTime() + 60_000).toISOString() },
      });
      await lab.admin.request('POST', `/api/patch-plans/${missed.id}/start`);
      clock.advance(420_000);
      const stopped = await waitForPlan(lab, missed.id, (current) => current.status === 'stopped');
      assert.equal(stopped.hosts[0]?.status, 'skipped');
      assert.match(stopped.message ?? '', /the maintenance window ended/);
      const tasks = await lab.admin.request<{ tasks: Task[] }>('GET', `/api/agents/${web.id}/tasks`);
      assert.equal(tasks.body.tasks.filter((task) => task.kind === 'patch.apply').length, 1);
    } finally {
      await lab.close();
    }
  });

  test('a server restarted mid-rollout takes up where it stopped without sending the upgrade again', async () => {
    const lab = await startPatchLab(await fresh());
    try {
      const web = await lab.host('web');
      const plan = await approvedPlan(lab, [web]);
      await lab.admin.request('POST', `/api/patch-plans/${plan.id}/start`);
      let apply;
      for (const deadline = Date.now() + 15_000; !apply && Date.now() < deadline; await sleep(200))
        apply = (await web.poll(0)).find((task) => task.kind === 'patch.apply');
      assert.ok(apply, 'no upgrade was sent');
      await lab.restart();
      await answer(lab, web, apply, 'works');
      const done = await waitForPlan(
        lab,
        plan.id,
        (current) => current.status === 'completed',
        () => serve(lab, web),
      );
      assert.equal(done.hosts[0]?.status, 'succeeded');
      const tasks = await lab.admin.request<{ tasks: Task[] }>('GET', `/api/agents/${web.id}/tasks`);
      assert.equal(tasks.body.tasks.filter((task) => task.kind === 'patch.apply').length, 1);
    } finally {
      await lab.close();
    }
  });
});
