import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FirewallPolicySummary } from '../../../src/protocol/firewall-policies-api.ts';
import type { FirewallPolicyApplyParams } from '../../../src/protocol/firewall-policy.ts';
import type { TaskEnvelope } from '../../../src/protocol/tasks.ts';
import { runTs } from '../../helpers/run-ts.ts';
import { describeEachDialect, type TestDatabase } from '../../helpers/test-database.ts';
import { harness, planOutput, someDiff, webPolicy, type HandAgent, type Harness } from './harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'vigil-firewall-cli-'));
const file = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('vigil firewall render', () => {
  test('prints the ruleset a policy renders to, with no server, database or root', async () => {
    const rendered = await runTs('src/cli/main.ts', ['firewall', 'render', file('web.yaml', webPolicy)], {
      env: { VIGIL_DATABASE_URL: '', VIGIL_DATA_DIR: join(scratch, 'nowhere') },
    });
    assert.equal(rendered.code, 0, rendered.stderr);
    assert.match(rendered.stdout, /^table inet vigil \{\n/);
    assert.match(
      rendered.stdout,
      /chain policy_input \{\n\t\ttype filter hook input priority filter; policy drop;/,
    );
    assert.match(rendered.stdout, /ip saddr 198\.51\.100\.0\/24 tcp dport 22 accept comment "ssh"/);
    assert.equal(rendered.stderr, '');
  });

  test('a bad file exits 2 with one line naming the file and what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['name: [web\n', /^vigil: .*broken\.yaml: line 2, column 1: /],
      [
        'name: web\ninbound:\n  allow:\n    - { name: x, ports: [70000] }\n',
        /^vigil: .*broken\.yaml: inbound\.allow\.0\.ports\.0: .*65535/,
      ],
    ];
    for (const [text, expected] of cases) {
      const result = await runTs('src/cli/main.ts', ['firewall', 'render', file('broken.yaml', text)]);
      assert.equal(result.code, 2, text);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, expected);
      assert.equal(result.stderr.split('\n').length, 2, `one line: ${result.stderr}`);
    }
    const missing = await runTs('src/cli/main.ts', ['firewall', 'render', join(scratch, 'missing.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^vigil: cannot read .*missing\.yaml: ENOENT\n$/);
  });
});

describeEachDialect('vigil firewall', (_dialect, fresh) => {
  let testDb: TestDatabase;
  let h: Harness;
  let web1: HandAgent;
  let web2: HandAgent;
  before(async () => {
    testDb = await fresh();
    h = await harness(testDb, { firewall: { driftCheckMinutes: 0 } });
    web1 = await h.enroll('web', 'web1');
    web2 = await h.enroll('web', 'web2');
  });
  after(async () => {
    await h.server.close();
  });

  const vigil = (args: string[]) =>
    runTs('src/cli/main.ts', ['--data-dir', testDb.dataDir, '--database-url', testDb.url, ...args]);
  /**
   * Waits for the agent's next tasks, as its long poll does, and answers each with `output(task)`.
   * Generous: on a loaded machine the CLI takes many seconds to start before it queues anything.
   */
  const answer = async (agent: HandAgent, output: (task: TaskEnvelope) => string) => {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const tasks = await agent.poll(5);
      for (const task of tasks) await agent.answer(task.id, 'succeeded', output(task));
      if (tasks.length > 0) return tasks;
      assert.ok(Date.now() < deadline, `${agent.hostname} got no task`);
    }
  };

  test('policy set, policies and policy show', async () => {
    const path = file('web.yaml', webPolicy);
    const created = await vigil(['firewall', 'policy', 'set', path]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'created policy web-servers (groups: web; 2 hosts)\n');
    const listed = await vigil(['firewall', 'policies', '--format', 'json']);
    assert.equal(listed.code, 0, listed.stderr);
    const [summary] = JSON.parse(listed.stdout) as FirewallPolicySummary[];
    assert.equal(summary?.name, 'web-servers');
    assert.equal(summary.hosts, 2);
    assert.match(summary.updatedBy, /^cli:/);
    const table = await vigil(['firewall', 'policies']);
    assert.match(table.stdout, /^NAME {2,}GROUPS {2,}HOSTS {2,}DRIFTED/);
    assert.match(table.stdout, /web-servers {2,}web {2,}2 {2,}0 /);

    const shown = await vigil(['firewall', 'policy', 'show', 'web-servers']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^policy web-servers: Public web servers\ngroups: web\n/);
    assert.match(shown.stdout, /web1 +\S+ +web +unknown/);
    assert.match(shown.stdout, /ruleset:\ntable inet vigil \{/);

    const conflict = await vigil(['firewall', 'policy', 'set', file('x.yaml', 'name: x\ngroups: [web]\n')]);
    assert.equal(conflict.code, 2);
    assert.match(conflict.stderr, /group web already has firewall policy "web-servers"/);
    const audited = await h.audit('firewall.policies.save');
    assert.equal(audited.length, 1);
    assert.ok(audited.every((entry) => entry.method === 'CLI' && entry.actor?.startsWith('cli:')));
  });

  test('plan waits for the hosts, prints each one’s diff, and exits 1 when any would change', async () => {
    const running = vigil(['firewall', 'plan', 'web-servers', '--wait', '120s']);
    await Promise.all([
      answer(web1, (task) => {
        assert.equal(task.kind, 'firewall.policy.plan');
        return planOutput('web-servers', someDiff);
      }),
      answer(web2, () => planOutput('web-servers', '')),
    ]);
    const planned = await running;
    assert.equal(planned.code, 1, planned.stderr);
    assert.equal(planned.stdout, `== web1: would change\n${someDiff}== web2: in sync\n`);
    assert.match(planned.stderr, /plan queued on web1, web2/);
    assert.match(planned.stderr, /vigil: web1: succeeded/);
    assert.match(planned.stderr, /1 in sync, 1 would change, 0 unknown/);

    const one = vigil(['firewall', 'plan', 'web-servers', '--hosts', 'web2', '--wait', '120s']);
    await answer(web2, () => planOutput('web-servers', ''));
    const clean = await one;
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.stdout, '== web2: in sync\n');

    const silent = await vigil(['firewall', 'plan', 'web-servers', '--hosts', web1.id, '--wait', '1s']);
    assert.equal(silent.code, 3, 'a host that does not answer is not in sync');
    assert.match(silent.stdout, /^== web1: no answer within 1s/);
    await answer(web1, () => planOutput('web-servers', ''));

    const stranger = await vigil(['firewall', 'plan', 'web-servers', '--hosts', 'db9']);
    assert.equal(stranger.code, 2);
    assert.match(stranger.stderr, /db9 is not a host of policy web-servers/);
    assert.ok((await h.audit('firewall.policies.plan')).some((entry) => entry.method === 'CLI'));
  });

  test('apply waits for the hosts and prints each one’s outcome', async () => {
    const running = vigil(['firewall', 'apply', 'web-servers', '--confirm', '10s', '--wait', '120s']);
    const [tasks] = await Promise.all([
      answer(web1, () => 'applied policy web-servers (4 rules); reached the server, kept'),
      answer(web2, () => 'unchanged'),
    ]);
    assert.equal((tasks[0]?.params as FirewallPolicyApplyParams).confirmSeconds, 10);
    const applied = await running;
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(
      applied.stdout,
      'web1: succeeded: applied policy web-servers (4 rules); reached the server, kept\nweb2: succeeded: unchanged\n',
    );
  });

  test('policy delete removes the policy from its hosts', async () => {
    const deleted = await vigil(['firewall', 'policy', 'delete', 'web-servers']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout, 'deleted policy web-servers; removal queued on web1, web2\n');
    for (const agent of [web1, web2]) {
      const [task] = await agent.poll();
      assert.equal((task?.params as FirewallPolicyApplyParams | undefined)?.policy, null);
    }
  });
});
