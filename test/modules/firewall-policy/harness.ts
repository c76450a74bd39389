import type { ConfigInput } from '../../../src/platform/config.ts';
import type { AuditPage } from '../../../src/protocol/audit.ts';
import type { FirewallPlan } from '../../../src/protocol/firewall-policy.ts';
import type { RunningServer } from '../../../src/server/start-server.ts';
import { auditEntries, enrollHandAgent, signedInUser, type HandAgent } from '../../helpers/hand-agent.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';

export type { HandAgent };

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
      const agent = await enrollHandAgent(server, admin, group, hostname);
      // The first poll is the one a new host's reconciliation runs on; take it out of the way.
      await agent.poll();
      return agent;
    },
    audit: (action) => auditEntries(admin, action),
    user: (role, username) => signedInUser(server, admin, role, username),
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
