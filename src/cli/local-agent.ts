import { join } from 'node:path';
import { defaultLogs } from '../agent/agent-command.ts';
import { readState } from '../agent/identity.ts';
import { runAgent, type RunningAgent } from '../agent/run-agent.ts';
import { createEnrollmentToken } from '../modules/agents/enrollment-tokens.ts';
import { defaultFimPaths } from '../modules/fim/default-fim-paths.ts';
import type { Logger } from '../platform/logger.ts';
import type { RunningServer } from '../server/start-server.ts';
import { version } from '../server/version.ts';

/**
 * The agent for the server's own host, so one machine is protected out of the
 * box. It enrolls itself on first start with a single-use token made directly
 * in the database, in the group `vigil-server`.
 */
export async function startLocalAgent(running: RunningServer, logger: Logger): Promise<RunningAgent> {
  const { deps } = running;
  const dataDir = join(deps.config.dataDir, 'agent');
  const now = deps.clock.now();
  const serverUrl = loopbackUrl(running.url);
  const token =
    readState(dataDir) === undefined
      ? (
          await createEnrollmentToken(deps.database.db, deps.random, {
            group: 'vigil-server',
            maxUses: 1,
            expiresAt: new Date(now.getTime() + 600_000),
            createdBy: 'vigil serve',
            now,
            serverUrl,
            caFingerprint: running.caFingerprint,
          })
        ).token
      : undefined;
  return runAgent({
    dataDir,
    token,
    logGlobs: defaultLogs,
    fimPaths: [...defaultFimPaths],
    version,
    logger: logger.child({ component: 'local-agent' }),
  });
}

/* A server listening on every address is reached locally through loopback, which its certificate names. */
function loopbackUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === '0.0.0.0') parsed.hostname = '127.0.0.1';
  if (parsed.hostname === '[::]') parsed.hostname = '[::1]';
  return parsed.origin;
}
