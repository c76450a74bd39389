import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AgentClient } from '../../../src/agent/agent-client.ts';
import { createLocalHost } from '../../../src/modules/sca/create-local-host.ts';
import { runScaTask } from '../../../src/modules/sca/sca-task-handler.ts';
import type { ConfigInput } from '../../../src/platform/config.ts';
import type { Permission } from '../../../src/protocol/roles.ts';
import type { AuditPage } from '../../../src/protocol/audit.ts';
import type { TaskEnvelope } from '../../../src/protocol/tasks.ts';
import type { CreatedToken } from '../../../src/protocol/tokens.ts';
import type { RunningServer } from '../../../src/server/start-server.ts';
import { auditEntries, enrollHandAgent, signedInUser } from '../../helpers/hand-agent.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';

/** An enrolled host driven by the test: it polls when told and runs `sca.run` against a root tree of its own. */
export interface AuditAgent {
  id: string;
  hostname: string;
  client: AgentClient;
  /** The tree its file rules read, as a mounted image would be. */
  root: string;
  /** What its first poll brought (the audits due for a new host). */
  firstTasks: TaskEnvelope[];
  poll(waitSeconds?: number): Promise<TaskEnvelope[]>;
  /** Writes a file under its root. */
  write(path: string, text: string): void;
  /** Runs an `sca.run` as the agent does (the real handler, posting through the signed client) and reports the task. */
  run(task: TaskEnvelope): Promise<string>;
}

export interface Harness {
  server: RunningServer;
  admin: ApiClient;
  enroll(group: string, hostname: string): Promise<AuditAgent>;
  audit(action: string): Promise<AuditPage['entries']>;
  user(role: 'analyst' | 'auditor', username: string): Promise<ApiClient>;
  /** An API client holding an admin's token narrowed to these scopes. */
  token(scopes: Permission[]): Promise<ApiClient>;
  close(): Promise<void>;
}

export async function harness(testDb: TestDatabase, config: ConfigInput = {}): Promise<Harness> {
  const server = await startTestServer(testDb, config);
  const admin = new ApiClient(server.url);
  await admin.login('admin', adminPassword);
  const roots = mkdtempSync(join(tmpdir(), 'vigil-audits-'));
  return {
    server,
    admin,
    async enroll(group, hostname) {
      const hand = await enrollHandAgent(server, admin, group, hostname);
      const { id, client } = hand;
      const poll = (waitSeconds?: number) => hand.poll(waitSeconds);
      const root = join(roots, hostname);
      mkdirSync(root, { recursive: true });
      const agent: AuditAgent = {
        id,
        hostname,
        client,
        root,
        firstTasks: [],
        poll,
        write(path, text) {
          const file = join(root, path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
        },
        async run(task) {
          assert.equal(task.kind, 'sca.run');
          const output = await runScaTask(task.params, {
            taskId: task.id,
            signal: new AbortController().signal,
            postResults: (body) => client.post('/api/agent/v1/audit/results', body),
            host: createLocalHost({ root }),
          });
          await client.post(`/api/agent/v1/tasks/${task.id}/result`, { status: 'succeeded', output });
          return output;
        },
      };
      agent.firstTasks = await poll();
      return agent;
    },
    audit: (action) => auditEntries(admin, action),
    user: (role, username) => signedInUser(server, admin, role, username),
    async token(scopes) {
      const created = await admin.request<CreatedToken>('POST', '/api/tokens', { name: 'narrow', scopes });
      assert.equal(created.status, 201);
      const client = new ApiClient(server.url);
      client.bearer = created.body.token;
      return client;
    },
    async close() {
      await server.close();
      rmSync(roots, { recursive: true, force: true });
    },
  };
}

/** A small 5.x policy over files of an agent's root: checks that pass, fail, do not apply, and a `none`. */
export const filePolicy = `# Test baseline: file rules only, read under each host's root.
policy:
  id: test_baseline
  name: Test baseline
  description: SSH and login banner settings, for tests.
checks:
  - id: 1
    name: 'SSH: root cannot log in'
    description: The SSH daemon refuses logins as root.
    rationale: Attackers guess root's password first.
    remediation: Set \`PermitRootLogin no\` in /etc/ssh/sshd_config and reload sshd.
    severity: high
    compliance:
      pci_dss: ['2.2.6']
      cis: ['5.1.20']
    mitre:
      technique: { id: ['T1110'], name: ['Brute Force'] }
    condition: all
    rules:
      - 'f:/etc/ssh/sshd_config -> r:^PermitRootLogin\\s+no$'
  - id: 2
    name: A login banner exists
    remediation: Write /etc/issue.net.
    severity: low
    compliance:
      cis: ['1.7.2']
    condition: all
    rules:
      - 'f:/etc/issue.net'
  - id: 3
    name: Telnet is not offered
    remediation: Remove telnet from /etc/inetd.conf.
    severity: medium
    compliance:
      pci_dss: ['2.2.4']
    condition: none
    rules:
      - 'f:/etc/inetd.conf -> r:^telnet'
  - id: 4
    name: Audit rules are loaded
    severity: medium
    condition: all
    rules:
      - 'f:/etc/audit/rules.d/vigil.rules -> r:-w /etc/passwd'
`;

/** A policy whose rule runs a command: it reaches hosts only once someone who may approve has. */
export const commandPolicy = `policy:
  id: test_commands
  name: Commands
  description: Runs a command.
checks:
  - id: 1
    name: Kernel is Linux
    condition: all
    rules:
      - 'c:uname -s -> r:^Linux$'
`;
