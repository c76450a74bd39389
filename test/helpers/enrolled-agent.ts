import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import { startVigil, type VigilProcess } from './child-process.ts';
import { waitForAgent } from './netns.ts';
import type { ApiClient } from './test-server.ts';

/**
 * A real `vigil agent` enrolled in `group` with a fresh token, its data under `scratch/agent`,
 * tailing an empty `scratch/app.log`; waits until the server lists it. `flags` turn collectors off.
 */
export async function startEnrolledAgent(
  admin: ApiClient,
  scratch: string,
  group: string,
  flags: string[],
): Promise<{ agent: VigilProcess; agentId: string }> {
  const { body } = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
    group,
  });
  const log = join(scratch, 'app.log');
  writeFileSync(log, '');
  const agent = startVigil(
    ['--data-dir', join(scratch, 'agent'), 'agent', '--token', body.token, '--log', log, ...flags],
    { VIGIL_LOG_LEVEL: 'warn' },
  );
  return { agent, agentId: await waitForAgent(admin) };
}
