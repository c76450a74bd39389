import assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CreatedEnrollmentToken } from '../../../src/protocol/agents.ts';
import type { Task } from '../../../src/protocol/tasks.ts';
import type { RunningServer } from '../../../src/server/start-server.ts';
import {
  blockedV4,
  createAgentNamespace,
  spawnAgent,
  stopAgent,
  waitForAgent,
  type AgentNamespace,
} from '../../helpers/netns.ts';
import { testDialects, type TestDatabase } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';
import { runTs } from '../../helpers/run-ts.ts';
import { needsNetns } from './netns.ts';

/**
 * The whole path: the server queues signed firewall tasks, a real `vigil agent` process in a
 * network namespace (joined to the server by a veth pair) runs them against nft there, and
 * reports back.
 */
describe('firewall tasks through a real agent', needsNetns('the agent changes nft in a namespace'), () => {
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-fw-agent-'));
  let namespace: AgentNamespace;
  let subnet: string;
  let serverAddress: string;
  let db: TestDatabase;
  let server: RunningServer;
  let admin: ApiClient;
  let agent: ChildProcess | undefined;
  let agentId: string;

  const elements = () => blockedV4(namespace);
  const run = async (kind: string, params: unknown): Promise<Task> => {
    const queued = await admin.request<Task>('POST', `/api/agents/${agentId}/tasks`, { kind, params });
    assert.equal(queued.status, 201);
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      const { body } = await admin.request<{ tasks: Task[] }>('GET', `/api/agents/${agentId}/tasks`);
      const task = body.tasks.find((candidate) => candidate.id === queued.body.id);
      if (task && !['queued', 'sent'].includes(task.status)) return task;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`${kind} did not finish`);
  };

  /** `vigil` on the test server's own database and data dir, as an admin on the server host runs it. */
  const vigil = (args: string[]) =>
    runTs('src/cli/main.ts', ['--data-dir', db.dataDir, '--database-url', db.url, ...args]);
  const allTasksFinished = async () => {
    for (const deadline = Date.now() + 30_000; ;) {
      const { body } = await admin.request<{ tasks: Task[] }>('GET', `/api/agents/${agentId}/tasks`);
      if (body.tasks.every((task) => !['queued', 'sent'].includes(task.status))) return;
      assert.ok(Date.now() < deadline, 'the queued tasks did not finish');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  before(async () => {
    namespace = createAgentNamespace('fw-agent', 96);
    serverAddress = namespace.serverAddress;
    subnet = serverAddress.replace(/\.1$/, '');
    db = await (testDialects[0] as (typeof testDialects)[number]).create();
    // No periodic drift plans: the tasks each test expects arrive alone.
    server = await startTestServer(db, {
      server: { host: serverAddress },
      firewall: { driftCheckMinutes: 0 },
    });
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const { body } = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group: 'firewall',
    });
    const log = join(scratch, 'app.log');
    writeFileSync(log, '');
    agent = spawnAgent(namespace.name, {
      token: body.token,
      dataDir: join(scratch, 'agent'),
      logs: [log],
    });
    agentId = await waitForAgent(admin);
    // The server sends a restarted agent its whole block list at its first poll (none here);
    // a ping first keeps that sync from landing between the tasks below.
    assert.equal((await run('ping', {})).status, 'succeeded');
  });
  after(async () => {
    await stopAgent(agent);
    await server.close();
    await db.dispose();
    namespace.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('firewall.block lands in the namespace’s nft set, and the server’s own address is never blocked', async () => {
    const blocked = await run('firewall.block', {
      blocks: [
        { address: '198.51.100.9', expiresAt: null },
        { address: `${subnet}.0/30`, expiresAt: null },
      ],
    });
    assert.equal(blocked.status, 'succeeded', blocked.output ?? '');
    assert.equal(
      blocked.output,
      `blocked 2 (2 new), table inet vigil; never blocked here: ${serverAddress} (the Vigil server), ${subnet}.2 (this host)`,
    );
    // The /30 minus the server's address and the agent's own.
    assert.deepEqual(elements(), [`${subnet}.0`, `${subnet}.3`, '198.51.100.9']);

    // Still reaching the server: the next task runs.
    const synced = await run('firewall.sync', { blocks: [] });
    assert.equal(
      synced.output,
      'synced 0 blocks as 0 elements (0 added, 3 removed, 0 with a new expiry), table inet vigil',
    );
    assert.deepEqual(elements(), []);
  });

  test('`vigil firewall apply` of a policy that would cut the agent off its server is rolled back on its own', async () => {
    const cutOff = {
      name: 'egress-lockdown',
      groups: ['firewall'],
      inbound: { default: 'accept' },
      outbound: { default: 'drop', allow: [{ name: 'dns', protocol: 'udp', ports: [53] }] },
    };
    const policyFile = join(scratch, 'egress-lockdown.yaml');
    writeFileSync(policyFile, JSON.stringify(cutOff));
    const stored = await vigil(['firewall', 'policy', 'set', policyFile]);
    assert.equal(stored.code, 0, stored.stderr);

    const started = Date.now();
    const applied = await vigil(['firewall', 'apply', 'egress-lockdown', '--confirm', '5s', '--wait', '60s']);
    assert.equal(applied.code, 3, `${applied.stdout}${applied.stderr}`);
    assert.match(
      applied.stdout,
      /: failed: rolled back firewall policy egress-lockdown: the server could not be reached on a new connection within 5 s/,
    );
    assert.ok(Date.now() - started >= 5000);
    assert.doesNotMatch(namespace.exec('nft', 'list', 'table', 'inet', 'vigil'), /policy_/);
    assert.equal((await run('ping', {})).status, 'succeeded');
    assert.equal((await vigil(['firewall', 'policy', 'delete', 'egress-lockdown'])).code, 0);
    // The removal the delete queued: nothing to remove, so it is done at once.
    for (const deadline = Date.now() + 15_000; ;) {
      const { body } = await admin.request<{ tasks: Task[] }>('GET', `/api/agents/${agentId}/tasks`);
      if (body.tasks.every((task) => !['queued', 'sent'].includes(task.status))) break;
      assert.ok(Date.now() < deadline, 'the removal did not finish');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  test('a policy that allows the server is kept, and a plan then finds nothing to change', async () => {
    const port = Number(new URL(server.url).port);
    const withServer = {
      name: 'egress-with-server',
      groups: ['firewall'],
      inbound: { default: 'accept' },
      outbound: {
        default: 'drop',
        allow: [{ name: 'vigil-server', ports: [port], destinations: [serverAddress] }],
      },
    };
    const policyFile = join(scratch, 'egress-with-server.yaml');
    writeFileSync(policyFile, JSON.stringify(withServer));
    assert.equal((await vigil(['firewall', 'policy', 'set', policyFile])).code, 0);

    const applied = await vigil([
      'firewall',
      'apply',
      'egress-with-server',
      '--confirm',
      '10s',
      '--wait',
      '60s',
    ]);
    assert.equal(applied.code, 0, `${applied.stdout}${applied.stderr}`);
    assert.match(
      applied.stdout,
      /: succeeded: applied firewall policy egress-with-server; the server answered/,
    );
    assert.match(applied.stdout, /\+\t\tip daddr [\d.]+ tcp dport \d+ accept comment "vigil-server"/);
    const planned = await vigil(['firewall', 'plan', 'egress-with-server', '--wait', '60s']);
    assert.equal(planned.code, 0, `${planned.stdout}${planned.stderr}`);
    assert.match(planned.stdout, /: in sync/);
    assert.equal((await vigil(['firewall', 'policy', 'delete', 'egress-with-server'])).code, 0);
    await allTasksFinished();
    assert.doesNotMatch(namespace.exec('nft', 'list', 'table', 'inet', 'vigil'), /policy_/);
  });

  test('account.lock refuses root, reporting why', async () => {
    const task = await run('account.lock', { user: 'root' });
    assert.equal(task.status, 'failed');
    assert.equal(task.output, 'refusing to lock root: it has uid 0');
  });
});
