import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AgentHttpError, createAgentClient, type AgentClient } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import { runAgent, type RunningAgent } from '../../src/agent/run-agent.ts';
import { createTaskRunner, verifyTaskEnvelope } from '../../src/agent/task-runner.ts';
import { publicKeyFromRaw } from '../../src/modules/agents/signing.ts';
import { signTask } from '../../src/modules/tasks/task-envelope.ts';
import { expireUnansweredTasks } from '../../src/modules/tasks/tasks-store.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { Task, TaskEnvelope } from '../../src/protocol/tasks.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { describeEachDialect } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeEachDialect('remote tasks', (_dialect, fresh) => {
  let server: RunningServer;
  let admin: ApiClient;
  let agent: RunningAgent;
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-tasks-'));

  const token = async () => {
    const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group: 'tasks',
    });
    return created.body.token;
  };

  before(async () => {
    server = await startTestServer(await fresh());
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const log = join(scratch, 'app.log');
    writeFileSync(log, '');
    agent = await runAgent({
      dataDir: join(scratch, 'agent'),
      token: await token(),
      logGlobs: [log],
      journal: { enabled: false },
      firewall: false,
      version: 'test',
      logger: silentLogger,
      inventoryIntervalMs: 0,
      heartbeatMs: 1000,
    });
  });
  after(async () => {
    await agent.stop();
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const queue = (body: unknown, client = admin) =>
    client.request<Task>('POST', `/api/agents/${agent.agentId}/tasks`, body);
  const finished = (id: string) =>
    until(`task ${id}`, async () => {
      const listed = await admin.request<{ tasks: Task[] }>('GET', `/api/agents/${agent.agentId}/tasks`);
      const task = listed.body.tasks.find((t) => t.id === id);
      return task && !['queued', 'sent'].includes(task.status) ? task : undefined;
    });

  /** A task signed with the server's own key, as the poll would deliver it. */
  const envelope = (overrides: Partial<Omit<TaskEnvelope, 'signature'>> = {}): TaskEnvelope => {
    const key = server.deps.taskSigningKey;
    assert.ok(key);
    const unsigned = {
      id: `t-${Math.random().toString(36).slice(2)}`,
      agentId: agent.agentId,
      kind: 'ping',
      params: { message: 'direct' },
      issuedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      timeoutSeconds: 5,
      ...overrides,
    };
    return { ...unsigned, signature: signTask(key.privateKey, unsigned) };
  };

  test('a queued ping reaches the agent promptly and its echo comes back', async () => {
    const started = Date.now();
    const queued = await queue({ kind: 'ping', params: { message: 'hello agent' } });
    assert.equal(queued.status, 201);
    assert.equal(queued.body.status, 'queued');
    const done = await finished(queued.body.id);
    assert.deepEqual([done.status, done.output, done.exitCode], ['succeeded', 'hello agent', 0]);
    assert.ok(done.sentAt && done.finishedAt);
    assert.ok(Date.now() - started < 5000, 'long-poll delivers without waiting for a poll interval');
  });

  test('inventory.collect sends an inventory event', async () => {
    const queued = await queue({ kind: 'inventory.collect' });
    assert.equal((await finished(queued.body.id)).status, 'succeeded');
    await until('an inventory event', async () => {
      const events = await admin.request<{ events: unknown[] }>(
        'GET',
        `/api/agents/${agent.agentId}/events?kind=inventory`,
      );
      return events.body.events.length > 0 ? true : undefined;
    });
  });

  test('fim.scan fails plainly when FIM is off', async () => {
    const queued = await queue({ kind: 'fim.scan' });
    const done = await finished(queued.body.id);
    assert.equal(done.status, 'failed');
    assert.match(done.output ?? '', /file integrity monitoring is off/);
  });

  test('tampered, expired, misaddressed and replayed envelopes never run', async () => {
    const key = server.deps.taskSigningKey;
    assert.ok(key);
    const serverKey = publicKeyFromRaw(key.publicKey);
    const context = { serverKey, agentId: agent.agentId, now: Date.now() };
    assert.equal(verifyTaskEnvelope(envelope(), context).ok, true);

    const good = envelope();
    const tampered = { ...good, params: { message: 'rm -rf /' } };
    const verdict = verifyTaskEnvelope(tampered, context);
    assert.ok(!verdict.ok);
    assert.match(verdict.reason, /signature does not verify/);
    assert.equal(verdict.reportId, undefined, 'a forged id is never reported');
    const swapped = good.signature[10] === 'A' ? 'B' : 'A';
    const flipped = {
      ...good,
      signature: `${good.signature.slice(0, 10)}${swapped}${good.signature.slice(11)}`,
    };
    assert.equal(verifyTaskEnvelope(flipped, context).ok, false);
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const { signature: _s, ...unsigned } = good;
    assert.equal(verifyTaskEnvelope({ ...good, signature: signTask(stranger, unsigned) }, context).ok, false);
    assert.equal(verifyTaskEnvelope(good, { ...context, serverKey: undefined }).ok, false);

    const expired = verifyTaskEnvelope(
      envelope({ expiresAt: new Date(Date.now() - 1000).toISOString() }),
      context,
    );
    assert.ok(!expired.ok);
    assert.match(expired.reason, /expired/);
    const other = verifyTaskEnvelope(envelope({ agentId: '00000000-0000-4000-8000-000000000000' }), context);
    assert.ok(!other.ok);
    assert.match(other.reason, /addressed to agent/);

    // A runner with a recording client and a counting handler, in its own data dir.
    const posts: string[] = [];
    const client: AgentClient = {
      post: <T>(path: string) => {
        posts.push(path);
        return Promise.resolve(undefined as T);
      },
    };
    let runs = 0;
    const runner = createTaskRunner({
      client,
      agentId: agent.agentId,
      taskPublicKey: key.publicKey,
      dataDir: mkdtempSync(join(scratch, 'runner-')),
      logger: silentLogger,
      handlers: {
        ping: () => {
          runs += 1;
          return Promise.resolve('ran');
        },
      },
    });
    assert.equal(await runner.process(tampered), 'refused');
    assert.equal(await runner.process(envelope({ expiresAt: new Date(0).toISOString() })), 'refused');
    assert.equal(runs, 0);
    assert.equal(posts.length, 1, 'only the genuine expired task is reported, as failed');
    assert.equal(await runner.process(good), 'ran');
    assert.equal(await runner.process(good), 'duplicate');
    assert.equal(runs, 1);
    assert.deepEqual(posts.slice(1), [`/api/agent/v1/tasks/${good.id}/result`]);
    await runner.stop();
  });

  test('auditors cannot queue tasks; task creation is audited', async () => {
    await admin.request('POST', '/api/users', {
      username: 'auditor1',
      role: 'auditor',
      password: 'auditor-passphrase-42',
    });
    const auditor = new ApiClient(server.url);
    await auditor.login('auditor1', 'auditor-passphrase-42');
    assert.equal((await queue({ kind: 'ping' }, auditor)).status, 403);
    assert.equal((await auditor.request('GET', `/api/agents/${agent.agentId}/tasks`)).status, 200);
    assert.equal((await queue({ kind: 'reboot' })).status, 400);
    assert.equal((await queue({ kind: 'ping', params: { command: 'x' } })).status, 400);
    // Audit runs and firewall policy tasks go through their own routes (approval, the policy they belong to).
    const policy =
      'policy:\n  id: p\n  name: p\nchecks:\n  - { id: 1, name: x, condition: all, rules: ["c:id"] }\n';
    const run = await queue({ kind: 'sca.run', params: { policy, sha256: '0'.repeat(64) } });
    assert.equal(run.status, 400);
    assert.match(JSON.stringify(run.body), /sca\.run tasks are queued through POST \/api\/audit\/runs/);
    assert.equal((await queue({ kind: 'firewall.policy.apply', params: { policy: null } })).status, 400);
    assert.equal(
      (
        await admin.request('POST', '/api/agents/00000000-0000-4000-8000-000000000000/tasks', {
          kind: 'ping',
        })
      ).status,
      404,
    );
    const audit = await admin.request<{ entries: { action: string; outcome: string }[] }>(
      'GET',
      '/api/audit?limit=200',
    );
    const actions = audit.body.entries.map((e) => `${e.action}:${e.outcome}`);
    assert.ok(actions.includes('agents.tasks.create:success'), actions.join(' '));
    assert.ok(actions.includes('agents.tasks.create:denied'));
  });

  test('an agent cannot report on another agent’s task, nor send a malformed result', async () => {
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const other = await enroll({ token: await token(), privateKey, version: 'test' });
    assert.equal(other.taskPublicKey, server.deps.taskSigningKey?.publicKey);
    const otherClient = createAgentClient({ serverUrl: server.url, agentId: other.agentId, privateKey });
    const queued = await queue({ kind: 'ping' });
    const done = await finished(queued.body.id);
    const refused = await otherClient
      .post(`/api/agent/v1/tasks/${done.id}/result`, { status: 'succeeded', output: 'forged' })
      .then(
        () => assert.fail('accepted'),
        (error: unknown) => error,
      );
    assert.ok(refused instanceof AgentHttpError);
    assert.equal(refused.status, 404);
    const malformed = await otherClient
      .post(`/api/agent/v1/tasks/${done.id}/result`, { status: 'maybe', output: 1 })
      .then(
        () => assert.fail('accepted'),
        (error: unknown) => error,
      );
    assert.ok(malformed instanceof AgentHttpError);
    assert.equal(malformed.status, 400);
    const after = await finished(queued.body.id);
    assert.equal(after.output, 'pong', 'the real result stands');
    // The other agent polls and gets nothing: tasks go only to their own agent.
    const polled = await otherClient.post<{ tasks: unknown[] }>('/api/agent/v1/tasks/poll', {
      waitSeconds: 0,
    });
    assert.deepEqual(polled.tasks, []);
  });

  test('stopping a runner ends its long poll at once', async () => {
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const other = await enroll({ token: await token(), privateKey, version: 'test' });
    const runner = createTaskRunner({
      client: createAgentClient({ serverUrl: server.url, agentId: other.agentId, privateKey }),
      agentId: other.agentId,
      taskPublicKey: other.taskPublicKey,
      dataDir: mkdtempSync(join(scratch, 'runner-')),
      logger: silentLogger,
      handlers: {},
    });
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    await runner.stop();
    assert.ok(Date.now() - started < 2000, `stop took ${Date.now() - started} ms`);
  });

  test('a task an agent took and never answered is closed as timed out', async () => {
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const other = await enroll({ token: await token(), privateKey, version: 'test' });
    const otherClient = createAgentClient({ serverUrl: server.url, agentId: other.agentId, privateKey });
    const queued = await admin.request<Task>('POST', `/api/agents/${other.agentId}/tasks`, {
      kind: 'ping',
      timeoutSeconds: 5,
    });
    assert.equal(queued.status, 201, JSON.stringify(queued.body));
    const polled = await otherClient.post<{ tasks: unknown[] }>('/api/agent/v1/tasks/poll', {
      waitSeconds: 0,
    });
    assert.equal(polled.tasks.length, 1);
    const { db } = server.deps.database;
    assert.equal(await expireUnansweredTasks(db, new Date()), 0, 'still inside its timeout');
    assert.equal(await expireUnansweredTasks(db, new Date(Date.now() + 66_000)), 1);
    const listed = await admin.request<{ tasks: Task[] }>('GET', `/api/agents/${other.agentId}/tasks`);
    const task = listed.body.tasks.find((t) => t.id === queued.body.id);
    assert.equal(task?.status, 'timed_out');
    assert.match(task.output ?? '', /no result in time/);
  });
});
