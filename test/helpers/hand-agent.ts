import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createAgentClient, type AgentClient } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import { verifyTaskEnvelope } from '../../src/agent/task-runner.ts';
import { publicKeyFromRaw } from '../../src/modules/agents/signing.ts';
import type { CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { AuditPage } from '../../src/protocol/audit.ts';
import type { TaskEnvelope, TaskPollResponse } from '../../src/protocol/tasks.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { ApiClient } from './test-server.ts';

/** An enrolled agent driven by hand: it polls when told and answers as the test says. */
export interface HandAgent {
  id: string;
  hostname: string;
  client: AgentClient;
  /** Tasks of one poll, each checked as the real agent checks it (signature, addressee, expiry). */
  poll(waitSeconds?: number, signal?: AbortSignal): Promise<TaskEnvelope[]>;
  answer(taskId: string, status: 'succeeded' | 'failed', output: string): Promise<void>;
}

/** Enrolls a new agent in `group` under `hostname`, with the real enrollment and signed client. */
export async function enrollHandAgent(
  server: RunningServer,
  admin: ApiClient,
  group: string,
  hostname: string,
): Promise<HandAgent> {
  const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
    group,
  });
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  const state = await enroll({
    token: created.body.token,
    serverUrl: server.url,
    privateKey,
    version: 'test',
  });
  assert.ok(state.taskPublicKey);
  // Agents enroll with this machine's name; hosts of a real network have names of their own.
  await server.deps.database.db
    .updateTable('agents')
    .set({ hostname })
    .where('id', '=', state.agentId)
    .execute();
  const serverKey = publicKeyFromRaw(state.taskPublicKey);
  const client = createAgentClient({ serverUrl: server.url, agentId: state.agentId, privateKey });
  return {
    id: state.agentId,
    hostname,
    client,
    async poll(waitSeconds = 0, signal) {
      const answer = await client.post<TaskPollResponse>(
        '/api/agent/v1/tasks/poll',
        { waitSeconds },
        signal ? { signal } : {},
      );
      return answer.tasks.map((raw) => {
        const verdict = verifyTaskEnvelope(raw, { serverKey, agentId: state.agentId, now: Date.now() });
        assert.ok(verdict.ok, `the agent would refuse ${raw.kind}: ${verdict.ok ? '' : verdict.reason}`);
        return verdict.task;
      });
    },
    async answer(taskId, status, output) {
      await client.post(`/api/agent/v1/tasks/${taskId}/result`, { status, output });
    },
  };
}

/** The audit log's entries of one action. */
export async function auditEntries(admin: ApiClient, action: string): Promise<AuditPage['entries']> {
  const page = await admin.request<AuditPage>('GET', '/api/audit?limit=1000');
  return page.body.entries.filter((entry) => entry.action === action);
}

/** A new user of this role, signed in. */
export async function signedInUser(
  server: RunningServer,
  admin: ApiClient,
  role: 'analyst' | 'auditor',
  username: string,
): Promise<ApiClient> {
  const password = `${role}-passphrase-42`;
  const made = await admin.request('POST', '/api/users', { username, role, password });
  assert.equal(made.status, 201);
  const client = new ApiClient(server.url);
  await client.login(username, password);
  return client;
}
