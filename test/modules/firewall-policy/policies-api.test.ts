import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkDrift } from '../../../src/modules/firewall-policy/check-drift.ts';
import type { AlertPage } from '../../../src/protocol/alerts.ts';
import type {
  FirewallPolicyDetail,
  FirewallPolicyList,
  QueuedPolicyTasks,
} from '../../../src/protocol/firewall-policies-api.ts';
import type {
  FirewallPolicyApplyParams,
  FirewallPolicyPlanParams,
} from '../../../src/protocol/firewall-policy.ts';
import type { Problem } from '../../../src/protocol/problem.ts';
import { describeEachDialect } from '../../helpers/test-database.ts';
import { harness, planOutput, someDiff, webPolicy, type HandAgent, type Harness } from './harness.ts';

const base = '/api/firewall/policies';
const minute = 60_000;

describeEachDialect('firewall policies', (_dialect, fresh) => {
  let h: Harness;
  let web1: HandAgent;
  let web2: HandAgent;
  let db1: HandAgent;
  before(async () => {
    // The scheduler's own drift check is off, so it cannot queue plans between a test's steps.
    h = await harness(await fresh(), { firewall: { driftCheckMinutes: 0 } });
    web1 = await h.enroll('web', 'web1');
    web2 = await h.enroll('web', 'web2');
    db1 = await h.enroll('db', 'db1');
  });
  after(async () => {
    await h.server.close();
  });

  const put = (name: string, source: string) =>
    h.admin.request<FirewallPolicyDetail>('PUT', `${base}/${name}`, { source });
  const detail = async (name = 'web-servers') =>
    (await h.admin.request<FirewallPolicyDetail>('GET', `${base}/${name}`)).body;
  const host = async (agent: HandAgent) => (await detail()).hosts.find((entry) => entry.agentId === agent.id);
  const driftAlerts = async (status = 'open') =>
    (
      await h.admin.request<AlertPage>(
        'GET',
        `/api/alerts?${status === 'all' ? '' : `status=${status}&`}rule=${encodeURIComponent('vigil-firewall-drift:web-servers')}`,
      )
    ).body.alerts;

  describe('storing', () => {
    test('a policy is created from its YAML, read back as uploaded, rendered, and listed with its hosts', async () => {
      const created = await put('web-servers', webPolicy);
      assert.equal(created.status, 201);
      assert.equal(created.body.source, webPolicy, 'comments and all');
      assert.equal(created.body.policy.inbound.allowPing, true, 'defaults filled in');
      assert.match(created.body.rendered, /chain policy_input \{/);
      assert.match(created.body.rendered, /tcp dport \{ 80, 443 \} accept comment "http"/);
      assert.deepEqual(
        created.body.hosts.map((entry) => [
          entry.hostname,
          entry.group,
          entry.drift,
          entry.lastPlan,
          entry.lastApply,
        ]),
        [
          ['web1', 'web', 'unknown', null, null],
          ['web2', 'web', 'unknown', null, null],
        ],
      );
      assert.equal(created.body.updatedBy, 'admin');

      const replaced = await put('web-servers', webPolicy.replace('Public web servers', 'The shop'));
      assert.equal(replaced.status, 200);
      assert.equal(replaced.body.policy.description, 'The shop');
      assert.equal(replaced.body.createdAt, created.body.createdAt);

      const listed = await h.admin.request<FirewallPolicyList>('GET', base);
      assert.deepEqual(
        listed.body.policies.map(({ name, description, groups, hosts, drifted, updatedBy }) => ({
          name,
          description,
          groups,
          hosts,
          drifted,
          updatedBy,
        })),
        [
          {
            name: 'web-servers',
            description: 'The shop',
            groups: ['web'],
            hosts: 2,
            drifted: 0,
            updatedBy: 'admin',
          },
        ],
      );
      const saved = await h.audit('firewall.policies.save');
      assert.equal(saved.length, 2);
      assert.equal(saved[0]?.target, 'web-servers');
      assert.match(saved.map((entry) => entry.detail).join(' '), /created; groups: web/);
      assert.deepEqual(await web1.poll(), [], 'saving changes no host');
    });

    test('bad YAML and bad policies are 422 policy_invalid naming each issue', async () => {
      const cases: [string, string, string[]][] = [
        ['web-servers', 'name: [web\n', ['(root)']],
        ['web-servers', 'name: a\nname: b\n', ['(root)']],
        ['web-servers', '- just\n- a list\n', ['(root)']],
        [
          'web-servers',
          'name: web-servers\ninbound:\n  allow:\n    - name: x\n      ports: [70000]\n    - name: x\n      ports: [1]\n  colour: red\n',
          ['inbound.allow.0.ports.0', 'inbound'],
        ],
        [
          'web-servers',
          'name: web-servers\ninbound: { default: accept, logDrops: true }\n',
          ['inbound.logDrops'],
        ],
        ['other-name', webPolicy, ['name']],
      ];
      for (const [name, source, paths] of cases) {
        const answer = await h.admin.request<Problem>('PUT', `${base}/${name}`, { source });
        assert.equal(answer.status, 422, source);
        assert.equal(answer.headers.get('content-type'), 'application/problem+json');
        assert.equal(answer.body.code, 'policy_invalid');
        for (const path of paths)
          assert.ok(
            answer.body.issues?.some((issue) => issue.path === path && issue.message.length > 0),
            `${path} in ${JSON.stringify(answer.body.issues)}`,
          );
        assert.ok(!answer.body.detail?.includes('\n'), 'one line');
      }
      const duplicate = await h.admin.request<Problem>('PUT', `${base}/web-servers`, {
        source:
          'name: web-servers\ninbound:\n  allow:\n    - { name: x, ports: [1] }\n    - { name: x, ports: [2] }\n',
      });
      assert.equal(duplicate.body.issues?.[0]?.path, 'inbound.allow.1.name');
      const missing = await h.admin.request<Problem>('PUT', `${base}/web-servers`, {});
      assert.equal(missing.status, 400);
      assert.equal(missing.body.code, 'validation_failed');
      assert.equal((await detail()).policy.description, 'The shop', 'nothing was stored');
    });

    test('a group has at most one policy: 409 names the policy that has it', async () => {
      const answer = await h.admin.request<Problem>('PUT', `${base}/everything`, {
        source: 'name: everything\ngroups: [db, web]\n',
      });
      assert.equal(answer.status, 409);
      assert.equal(answer.body.code, 'conflict');
      assert.match(answer.body.detail ?? '', /group web already has firewall policy "web-servers"/);
      assert.equal((await h.admin.request('GET', `${base}/everything`)).status, 404, 'nothing stored');
      const databases = await put(
        'databases',
        'name: databases\ngroups: [db]\ninbound:\n  allow: [{ name: pg, ports: [5432] }]\n',
      );
      assert.equal(databases.status, 201);
      assert.deepEqual(
        databases.body.hosts.map((entry) => entry.hostname),
        ['db1'],
      );
    });

    test('analysts and auditors read policies; only admins change, plan or apply them', async () => {
      for (const reader of [await h.user('auditor', 'auditor1'), await h.user('analyst', 'analyst1')]) {
        assert.equal((await reader.request('GET', base)).status, 200);
        assert.equal((await reader.request('GET', `${base}/web-servers`)).status, 200);
        const refused: [string, string, unknown][] = [
          ['PUT', `${base}/web-servers`, { source: webPolicy }],
          ['DELETE', `${base}/databases`, undefined],
          ['POST', `${base}/web-servers/plan`, {}],
          ['POST', `${base}/web-servers/apply`, {}],
        ];
        for (const [method, path, body] of refused) {
          const answer = await reader.request<Problem>(method, path, body);
          assert.equal(answer.status, 403, `${method} ${path}`);
          assert.equal(answer.body.code, 'forbidden');
        }
      }
      assert.ok((await h.audit('firewall.policies.apply')).some((entry) => entry.outcome === 'denied'));
      assert.equal((await h.admin.request('GET', `${base}/nope`)).status, 404);
      assert.deepEqual(await web1.poll(), []);
    });
  });

  describe('plan, apply and drift', () => {
    test('plan queues a signed firewall.policy.plan for each host of the policy, or those named', async () => {
      const queued = await h.admin.request<QueuedPolicyTasks>('POST', `${base}/web-servers/plan`, {});
      assert.equal(queued.status, 202);
      assert.deepEqual(
        queued.body.tasks.map((task) => task.hostname),
        ['web1', 'web2'],
      );
      for (const agent of [web1, web2]) {
        const [task] = await agent.poll();
        assert.equal(task?.kind, 'firewall.policy.plan');
        assert.equal(task.id, queued.body.tasks.find((entry) => entry.agentId === agent.id)?.taskId);
        assert.equal((task.params as FirewallPolicyPlanParams).policy?.name, 'web-servers');
        await agent.answer(task.id, 'succeeded', planOutput('web-servers', someDiff));
      }
      assert.deepEqual(await db1.poll(), [], 'another group’s host gets nothing');
      const one = await h.admin.request<QueuedPolicyTasks>('POST', `${base}/web-servers/plan`, {
        agents: [web2.id],
      });
      assert.deepEqual(
        one.body.tasks.map((task) => task.agentId),
        [web2.id],
      );
      assert.deepEqual(await web1.poll(), []);
      const [planned] = await web2.poll();
      await web2.answer(planned!.id, 'failed', 'nft: command not found');

      const stranger = await h.admin.request<Problem>('POST', `${base}/web-servers/plan`, {
        agents: [db1.id],
      });
      assert.equal(stranger.status, 400);
      assert.match(stranger.body.detail ?? '', /not a host of policy web-servers/);
      assert.equal((await h.admin.request('POST', `${base}/nope/plan`, {})).status, 404);

      const shown = await detail();
      const [first, second] = shown.hosts;
      assert.equal(first?.drift, 'drifted', 'the policy is not applied there yet');
      assert.equal(first.lastPlan?.status, 'succeeded');
      assert.equal(first.lastPlan.plan?.diff, someDiff);
      assert.equal(second?.drift, 'unknown', 'its latest plan failed');
      assert.equal(second.lastPlan?.status, 'failed');
      assert.equal(second.lastPlan.error, 'nft: command not found');
      assert.equal(second.lastPlan.plan, null);
      assert.deepEqual(await driftAlerts(), [], 'changes not yet applied are not drift');
      const audited = await h.audit('firewall.policies.plan');
      assert.ok(
        audited.some((entry) => entry.detail === 'plan queued on web1, web2' && entry.actor === 'admin'),
      );
    });

    test('apply queues the policy with its confirmation window; the hosts’ answers show in the detail', async () => {
      const queued = await h.admin.request<QueuedPolicyTasks>('POST', `${base}/web-servers/apply`, {
        confirmSeconds: 20,
      });
      assert.equal(queued.status, 202);
      for (const agent of [web1, web2]) {
        const [task] = await agent.poll();
        assert.equal(task?.kind, 'firewall.policy.apply');
        const params = task.params as FirewallPolicyApplyParams;
        assert.equal(params.policy?.name, 'web-servers');
        assert.equal(params.confirmSeconds, 20);
        assert.ok(task.timeoutSeconds > 20, 'room for the confirmation window');
        await agent.answer(task.id, 'succeeded', 'applied policy web-servers; confirmed');
      }
      const shown = await host(web1);
      assert.equal(shown?.lastApply?.status, 'succeeded');
      assert.equal(shown.lastApply.output, 'applied policy web-servers; confirmed');
      assert.match(
        (await h.audit('firewall.policies.apply'))[0]?.detail ?? '',
        /apply queued on web1, web2; confirm within 20s/,
      );
      const defaults = await h.admin.request<QueuedPolicyTasks>('POST', `${base}/databases/apply`, {});
      const [task] = await db1.poll();
      assert.equal((task?.params as FirewallPolicyApplyParams).confirmSeconds, 30);
      await db1.answer(task!.id, 'succeeded', 'applied');
      assert.equal(defaults.body.tasks.length, 1);
    });

    test('a plan that finds an applied host changed raises "Firewall drift on HOST"; a clean one resolves it', async () => {
      await h.admin.request('POST', `${base}/web-servers/plan`, { agents: [web1.id] });
      const [task] = await web1.poll();
      await web1.answer(task!.id, 'succeeded', planOutput('web-servers', someDiff));
      const [alert] = await driftAlerts();
      assert.ok(alert, 'one drift alert');
      assert.equal(alert.finding_info.title, 'Firewall drift on web1');
      assert.equal(alert.severity, 'medium');
      assert.equal(alert.entities.host, 'web1');
      assert.equal(alert.entities.agent_id, web1.id);
      assert.equal(alert.attacks[0]?.technique?.uid, 'T1562.004');
      const evidence = await h.admin.request<{ evidence: { raw_data: string }[] }>(
        'GET',
        `/api/alerts/${alert.id}`,
      );
      assert.equal(evidence.body.evidence[0]?.raw_data, someDiff, 'the diff is the evidence');
      assert.equal((await host(web1))?.drift, 'drifted');
      assert.equal((await h.admin.request<FirewallPolicyList>('GET', base)).body.policies[1]?.drifted, 1);

      // The periodic check finds it again: the same alert, counted.
      await h.admin.request('POST', `${base}/web-servers/plan`, { agents: [web1.id] });
      const [again] = await web1.poll();
      await web1.answer(again!.id, 'succeeded', planOutput('web-servers', someDiff));
      const repeated = await driftAlerts();
      assert.equal(repeated.length, 1);
      assert.equal(repeated[0]?.count, 2);

      await h.admin.request('POST', `${base}/web-servers/plan`, { agents: [web1.id] });
      const [clean] = await web1.poll();
      await web1.answer(clean!.id, 'succeeded', planOutput('web-servers', ''));
      assert.deepEqual(await driftAlerts(), [], 'resolved');
      assert.equal((await driftAlerts('resolved'))[0]?.id, alert.id);
      assert.equal((await host(web1))?.drift, 'in_sync');
      assert.equal((await h.audit('firewall.drift.resolved'))[0]?.actor, 'system');

      // Clean again: nothing new is raised.
      await h.admin.request('POST', `${base}/web-servers/plan`, { agents: [web1.id] });
      const [cleanAgain] = await web1.poll();
      await web1.answer(cleanAgain!.id, 'succeeded', planOutput('web-servers', ''));
      assert.deepEqual(await driftAlerts(), []);
      assert.equal((await driftAlerts('all')).length, 1);
    });

    test('a new revision that is not applied yet is a pending change, not drift', async () => {
      await put('web-servers', webPolicy.replace('ports: [80, 443]', 'ports: [443]'));
      await h.admin.request('POST', `${base}/web-servers/plan`, { agents: [web1.id] });
      const [task] = await web1.poll();
      await web1.answer(task!.id, 'succeeded', planOutput('web-servers', someDiff));
      assert.equal((await host(web1))?.drift, 'drifted');
      assert.deepEqual(await driftAlerts(), []);
    });

    test('the drift check plans every host with a policy once per firewall.driftCheckMinutes', async () => {
      const deps = {
        ...h.server.deps,
        config: { ...h.server.deps.config, firewall: { driftCheckMinutes: 15 } },
      };
      assert.equal(await checkDrift(h.server.deps, new Date()), 0, 'off in this server: 0 minutes');
      const now = new Date();
      const queued = await checkDrift(deps, now);
      assert.equal(queued, 3, 'web1, web2 and db1');
      assert.equal(await checkDrift(deps, new Date(now.getTime() + minute)), 0, 'not due');
      assert.equal(
        await checkDrift(deps, new Date(now.getTime() + 15 * minute)),
        0,
        'due, but every host still has its last plan to answer',
      );
      const [web1Plan] = await web1.poll();
      assert.equal(web1Plan?.kind, 'firewall.policy.plan');
      assert.equal(web1Plan.timeoutSeconds > 0, true);
      await web1.answer(web1Plan.id, 'succeeded', planOutput('web-servers', ''));
      assert.equal(await checkDrift(deps, new Date(now.getTime() + 30 * minute)), 1, 'web1 only');
      for (const agent of [web1, web2, db1])
        for (const task of await agent.poll()) await agent.answer(task.id, 'succeeded', planOutput(null, ''));
    });

    test('an agent that comes back gets back what it last applied of its group’s policy', async () => {
      // The agent restarts: its long poll is cut off, and it polls again.
      const abort = new AbortController();
      const cut = web2.poll(20, abort.signal).catch(() => []);
      await new Promise((resolve) => setTimeout(resolve, 200));
      abort.abort();
      await cut;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [restored] = await web2.poll();
      assert.equal(restored?.kind, 'firewall.policy.apply');
      const params = restored.params as FirewallPolicyApplyParams;
      assert.deepEqual(
        params.policy?.inbound.allow[0]?.ports,
        [80, 443],
        'the revision it applied, not the newer one nobody applied there',
      );
      assert.equal(params.confirmSeconds, 20);
      const audited = (await h.audit('firewall.policies.apply'))[0];
      assert.equal(audited?.actor, 'system');
      assert.match(audited.target ?? '', /web-servers on web2/);
      await web2.answer(restored.id, 'succeeded', 'unchanged');
      assert.deepEqual(await web2.poll(), [], 'once');

      // Restarted too, but its group's policy no longer holds it: nothing to restore.
      await h.server.deps.database.db
        .updateTable('firewall_agents')
        .set({ last_poll_at: new Date(Date.now() - 10 * minute).toISOString() })
        .where('agent_id', '=', web1.id)
        .execute();
      await h.server.deps.database.db
        .updateTable('agent_tasks')
        .set({ finished_at: new Date(Date.now() - 20 * minute).toISOString() })
        .where('agent_id', '=', web1.id)
        .execute();
      const [again] = await web1.poll();
      assert.equal(again?.kind, 'firewall.policy.apply', 'away: the same');
      await web1.answer(again.id, 'succeeded', 'unchanged');
    });

    test('deleting a policy queues its removal (policy: null) on its hosts', async () => {
      const answer = await h.admin.request('DELETE', `${base}/web-servers`);
      assert.equal(answer.status, 204);
      for (const agent of [web1, web2]) {
        const [task] = await agent.poll();
        assert.equal(task?.kind, 'firewall.policy.apply');
        assert.equal((task.params as FirewallPolicyApplyParams).policy, null);
        await agent.answer(task.id, 'succeeded', 'removed');
      }
      assert.deepEqual(await db1.poll(), []);
      assert.equal((await h.admin.request('GET', `${base}/web-servers`)).status, 404);
      assert.equal((await h.admin.request('DELETE', `${base}/web-servers`)).status, 404);
      const audited = (await h.audit('firewall.policies.delete')).find(
        (entry) => entry.outcome === 'success',
      );
      assert.equal(audited?.detail, 'removal queued on web1, web2');
      // The group is free again.
      assert.equal((await put('web', 'name: web\ngroups: [web]\n')).status, 201);
    });

    test('taking a group out of a policy removes the policy from that group’s hosts', async () => {
      const saved = await put('databases', 'name: databases\ngroups: []\n');
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body.hosts, []);
      const [task] = await db1.poll();
      assert.equal(task?.kind, 'firewall.policy.apply');
      assert.equal((task.params as FirewallPolicyApplyParams).policy, null);
      assert.match((await h.audit('firewall.policies.save'))[0]?.detail ?? '', /removal queued on db1/);
    });
  });
});
