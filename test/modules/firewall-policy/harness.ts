import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createAgentClient, type AgentClient } from '../../../src/agent/agent-client.ts';
import { enroll } from '../../../src/agent/enroll.ts';
import { verifyTaskEnvelope } from '../../../src/agent/task-runner.ts';
import { publicKeyFromRaw } from '../../../src/modules/agents/signing.ts';
import type { ConfigInput } from '../../../src/platform/config.ts';
import type { CreatedEnrollmentToken } from '../../../src/protocol/agents.ts';
import type { AuditPage } from '../../../src/protocol/audit.ts';
import type { FirewallPlan } from '../../../src/protocol/firewall-policy.ts';
import type { TaskEnvelope, TaskPollResponse } from '../../../src/protocol/tasks.ts';
import type { RunningServer } from '../../../src/server/start-server.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';

/** An enrolled agent driven by hand: it polls when told and answers as the test says. */
export interface HandAgent {
  id: string;
  hostname: string;
  client: AgentClient;
  /** The tasks it is sent, each checked as the agent checks it (signature, agent id, expiry). */
  poll(waitSeconds?: number, signal?: AbortSignal): Promise<TaskEnvelope[]>;
  answer(taskId: string, status: 'succeeded' | 'failed', output: string): Promise<void>;
}

export interface Harness {
  server: RunningServer;
  admin: ApiClient;
  enroll(group: string, hostname: string): Promise<HandAgent>;
  audit(action: string): Promise<AuditPage['entries']>;
  /** A user of this role, signed in. */
  user(role: 'analyst' | 'auditor', username: string): Promise<ApiClient>;
}

export async function harness(testDb: TestDatabase, config: ConfigInput = {}): Promise<Harness> {
  const server = await startTestServer(testDb, config);
  const admin = new ApiClient(server.url);
  await admin.login('admin', adminPassword);
  return {
    server,
    admin,
    async enroll(group, hostname) {
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
      const agent: HandAgent = {
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
      // The first poll is the one a new host's reconciliation runs on; take it out of the way.
      await agent.poll();
      return agent;
    },
    async audit(action) {
      const page = await admin.request<AuditPage>('GET', '/api/audit?limit=1000');
      return page.body.entries.filter((entry) => entry.action === action);
    },
    async user(role, username) {
      const password = `${role}-passphrase-42`;
      const made = await admin.request('POST', '/api/users', { username, role, password });
      assert.equal(made.status, 201);
      const client = new ApiClient(server.url);
      await client.login(username, password);
      return client;
    },
  };
}

/** A plan as an agent reports it. */
export function planOutput(policy: string | null, diff: string): string {
  const plan: FirewallPlan = {
    policy,
    live: 'table inet vigil {\n}\n',
    planned: diff === '' ? 'table inet vigil {\n}\n' : 'table inet vigil {\n\tchain policy_input {\n\t}\n}\n',
    diff,
    changed: diff !== '',
  };
  return JSON.stringify(plan);
}

export const someDiff =
  '--- live\n+++ planned\n@@ -1,2 +1,4 @@\n table inet vigil {\n+\tchain policy_input {\n+\t}\n }\n';

export const webPolicy = `# Web servers: the web to anyone, SSH from the office.
name: web-servers
description: Public web servers
groups: [web]
inbound:
  default: drop
  allow:
    - name: http
      ports: [80, 443]
    - name: ssh
      ports: [22]
      sources: [198.51.100.0/24]
`;
