import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveInventorySnapshot } from '../../../src/modules/agents/store-inventory.ts';
import { importFeed } from '../../../src/modules/vulns/import-feed.ts';
import { scanAgent } from '../../../src/modules/vulns/scan-agent.ts';
import type { Clock } from '../../../src/platform/clock.ts';
import type { ConfigInput } from '../../../src/platform/config.ts';
import type { PatchPlan } from '../../../src/protocol/patch-api.ts';
import type { TaskEnvelope } from '../../../src/protocol/tasks.ts';
import type { VulnFindingList } from '../../../src/protocol/vuln-api.ts';
import type { RunningServer } from '../../../src/server/start-server.ts';
import { enrollHandAgent, type HandAgent } from '../../helpers/hand-agent.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';
import { deb, inventory } from '../vulns/harness.ts';

/*
 * A server with hand-driven agents for patch plan tests: each host has `hello` 1.0-1 installed,
 * an OSV record says 1.0-2 fixes CVE-2099-0002, and the hosts answer patch tasks as the test says.
 */

export const debian12 = {
  id: 'debian',
  idLike: [],
  name: 'Debian GNU/Linux',
  prettyName: 'Debian GNU/Linux 12 (bookworm)',
  version: '12 (bookworm)',
  versionId: '12',
  versionCodename: 'bookworm',
};

export interface PatchLab {
  server: RunningServer;
  /** Signed in as `admin`, the author of the plans. */
  admin: ApiClient;
  /** A second admin, who approves. */
  approver: ApiClient;
  host(name: string): Promise<HandAgent>;
  /** Sets a host's inventory (through the server's storage) and matches it against the feed. */
  report(agent: HandAgent, version: string): Promise<void>;
  plan(id: string): Promise<PatchPlan>;
  /** A second server over the same database, as after a crash; `server` is then the new one. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startPatchLab(
  db: TestDatabase,
  config: Omit<ConfigInput, 'dataDir' | 'database'> = {},
  options: { clock?: Clock } = {},
): Promise<PatchLab> {
  let server = await startTestServer(db, config, options);
  const admin = new ApiClient(server.url);
  await admin.login('admin', adminPassword);
  const made = await admin.request('POST', '/api/users', {
    username: 'approver',
    role: 'admin',
    password: 'second-admin-passphrase-42',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const approver = new ApiClient(server.url);
  await approver.login('approver', 'second-admin-passphrase-42');
  const feed = mkdtempSync(join(tmpdir(), 'vigil-patch-feed-'));
  writeFileSync(
    join(feed, 'VIGIL-TEST-0002.json'),
    JSON.stringify({
      schema_version: '1.6.0',
      id: 'VIGIL-TEST-0002',
      aliases: ['CVE-2099-0002'],
      modified: '2025-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: 'hello' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2' }] }],
        },
      ],
    }),
  );
  await importFeed(server.deps, feed, { name: 'test-osv' });
  const report = async (agent: HandAgent, version: string) => {
    const now = server.deps.clock.now();
    await saveInventorySnapshot(
      server.deps.database.db,
      agent.id,
      inventory(agent.hostname, debian12, [deb('hello', version)], now),
      now,
    );
    await scanAgent(server.deps, agent.id);
  };
  return {
    get server() {
      return server;
    },
    admin,
    approver,
    async host(name) {
      const agent = await enrollHandAgent(server, admin, 'lab', name);
      await report(agent, '1.0-1');
      return agent;
    },
    report,
    async plan(id) {
      const response = await admin.request<PatchPlan>('GET', `/api/patch-plans/${id}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body;
    },
    async restart() {
      // The same port, so the agents and signed-in clients reach the new one as they would.
      const port = Number(new URL(server.url).port);
      await server.close();
      server = await startTestServer(db, { ...config, server: { ...config.server, port } }, options);
    },
    async close() {
      await server.close();
    },
  };
}

/** How a host answers: its upgrade works (and the inventory then shows 1.0-2), or fails. */
export type Behaviour = 'works' | 'fails';

/** One poll of the host, answering every task as `behaviour` says; returns the kinds it got. */
export async function serve(
  lab: PatchLab,
  agent: HandAgent,
  behaviour: Behaviour = 'works',
): Promise<string[]> {
  const tasks: TaskEnvelope[] = await agent.poll(0);
  for (const task of tasks) await answer(lab, agent, task, behaviour);
  return tasks.map((task) => task.kind);
}

export async function answer(
  lab: PatchLab,
  agent: HandAgent,
  task: TaskEnvelope,
  behaviour: Behaviour,
): Promise<void> {
  const upgrade = { name: 'hello', from: '1.0-1', to: '1.0-2', action: 'upgrade' };
  if (task.kind === 'patch.simulate') {
    await agent.answer(
      task.id,
      'succeeded',
      JSON.stringify({ changes: [upgrade], unavailable: [], output: 'Inst hello [1.0-1] (1.0-2 lab [all])' }),
    );
  } else if (task.kind === 'patch.apply') {
    const works = behaviour === 'works';
    await agent.answer(
      task.id,
      works ? 'succeeded' : 'failed',
      JSON.stringify({
        changes: works ? [upgrade] : [],
        rebootRequired: works,
        servicesToRestart: works ? ['hello.service'] : [],
        output: works
          ? 'Unpacking hello (1.0-2) over (1.0-1) ...'
          : 'E: Sub-process /usr/bin/dpkg returned an error code (1)',
        ...(works ? {} : { error: 'apt-get exited 100' }),
      }),
    );
  } else if (task.kind === 'inventory.collect') {
    await lab.report(agent, behaviour === 'works' ? '1.0-2' : '1.0-1');
    await agent.answer(task.id, 'succeeded', 'inventory collected and queued for sending');
  } else await agent.answer(task.id, 'succeeded', 'pong');
}

/** The open findings on a host. */
export async function openFindings(lab: PatchLab, agent: HandAgent): Promise<string[]> {
  const list = await lab.admin.request<VulnFindingList>('GET', `/api/vulnerabilities?agentId=${agent.id}`);
  return list.body.findings.map((finding) => finding.id);
}

/** Polls until `done` says the plan is there (the rollout ticker runs every 2 s). */
export async function waitForPlan(
  lab: PatchLab,
  id: string,
  done: (plan: PatchPlan) => boolean,
  between: () => Promise<unknown> = () => Promise.resolve(),
  timeoutMs = 30_000,
): Promise<PatchPlan> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    await between();
    const plan = await lab.plan(id);
    if (done(plan)) return plan;
    if (Date.now() > deadline) assert.fail(`the plan did not get there: ${JSON.stringify(plan, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
