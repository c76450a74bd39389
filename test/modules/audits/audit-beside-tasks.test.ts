import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AgentClient } from '../../../src/agent/agent-client.ts';
import { createTaskRunner } from '../../../src/agent/task-runner.ts';
import { rawPublicKey } from '../../../src/modules/agents/signing.ts';
import { signTask } from '../../../src/modules/tasks/task-envelope.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import type { TaskEnvelope } from '../../../src/protocol/tasks.ts';

test('an audit runs beside the other tasks: a block queued after it does not wait for it', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const agentId = randomUUID();
  const envelope = (kind: string): TaskEnvelope => {
    const unsigned = {
      id: randomUUID(),
      agentId,
      kind,
      params: {},
      issuedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      timeoutSeconds: 60,
    };
    return { ...unsigned, signature: signTask(privateKey, unsigned) };
  };
  const audit = envelope('sca.run');
  const ping = envelope('ping');
  const reported: string[] = [];
  let polls = 0;
  const client: AgentClient = {
    post: <T>(path: string, _body: unknown, options?: { signal?: AbortSignal }) => {
      if (path.endsWith('/poll')) {
        polls += 1;
        if (polls === 1) return Promise.resolve({ tasks: [audit, ping] } as T);
        // Later polls wait, as a long poll does, until the runner stops.
        return new Promise<T>((_, reject) =>
          options?.signal?.addEventListener('abort', () => reject(new Error('stopped'))),
        );
      }
      reported.push(path);
      return Promise.resolve(undefined as T);
    },
  };
  let finishAudit: (() => void) | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-beside-'));
  const runner = createTaskRunner({
    client,
    agentId,
    taskPublicKey: rawPublicKey(publicKey),
    dataDir,
    logger: silentLogger,
    beside: ['sca.run'],
    handlers: {
      'sca.run': (_params, signal) =>
        new Promise((resolve, reject) => {
          finishAudit = () => resolve('audited');
          signal.addEventListener('abort', () => reject(new Error('stopped')));
        }),
    },
  });
  try {
    runner.start();
    const until = async (done: () => boolean) => {
      for (const deadline = Date.now() + 20_000; !done() && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await until(() => reported.length > 0 && finishAudit !== undefined);
    assert.deepEqual(reported, [`/api/agent/v1/tasks/${ping.id}/result`], 'the ping is answered first');
    assert.ok(finishAudit, 'the audit is running');
    finishAudit();
    await until(() => reported.length > 1);
    assert.deepEqual(reported.slice(1), [`/api/agent/v1/tasks/${audit.id}/result`]);
  } finally {
    await runner.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
