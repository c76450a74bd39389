import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicKeyFromRaw } from '../modules/agents/signing.ts';
import { verifyTaskSignature } from '../modules/tasks/task-envelope.ts';
import type { Logger } from '../platform/logger.ts';
import {
  maxTaskOutputChars,
  TaskEnvelope,
  taskKinds,
  type TaskKind,
  type TaskPollResponse,
  type TaskResultRequest,
} from '../protocol/tasks.ts';
import { AgentHttpError, type AgentClient } from './agent-client.ts';
import { atomicWriteFile } from './atomic-write.ts';

/** Runs one task; the output is reported to the server. Rejecting reports `failed`. */
export type TaskHandler = (
  params: Record<string, unknown>,
  signal: AbortSignal,
  /** Which task, for a handler that sends more than its output (an audit posts its whole run). */
  task: { id: string },
) => Promise<string>;
export type TaskHandlers = Partial<Record<TaskKind, TaskHandler>>;

export type TaskVerdict =
  | { ok: true; task: TaskEnvelope & { kind: TaskKind } }
  /** `reportId` only when the server's signature verified, so the id is genuinely the server's. */
  | { ok: false; reason: string; reportId?: string };

/**
 * Whether an envelope is a task this agent may run: well formed, signed by
 * the server key pinned at enrollment, addressed to this agent, not expired,
 * and of a kind this agent knows. Replays are caught by the runner.
 */
export function verifyTaskEnvelope(
  raw: unknown,
  context: { serverKey: KeyObject | undefined; agentId: string; now: number },
): TaskVerdict {
  const parsed = TaskEnvelope.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed task envelope' };
  const envelope = parsed.data;
  if (!context.serverKey) {
    return { ok: false, reason: 'no task-signing key is pinned (enrolled before remote tasks existed)' };
  }
  if (!verifyTaskSignature(context.serverKey, envelope)) {
    return { ok: false, reason: 'the task signature does not verify with the pinned server key' };
  }
  if (envelope.agentId !== context.agentId) {
    return { ok: false, reason: `the task is addressed to agent ${envelope.agentId}, not this one` };
  }
  const expiresAt = Date.parse(envelope.expiresAt);
  if (!Number.isFinite(expiresAt) || expiresAt <= context.now) {
    return { ok: false, reason: `the task expired at ${envelope.expiresAt}`, reportId: envelope.id };
  }
  const kind = taskKinds.find((known) => known === envelope.kind);
  if (!kind) {
    return {
      ok: false,
      reason: `this agent cannot run tasks of kind ${envelope.kind}`,
      reportId: envelope.id,
    };
  }
  return { ok: true, task: { ...envelope, kind } };
}

export interface TaskRunnerOptions {
  client: AgentClient;
  agentId: string;
  /** Raw base64url task-signing key from agent.json; absent for agents enrolled before tasks. */
  taskPublicKey: string | undefined;
  dataDir: string;
  logger: Logger;
  handlers: TaskHandlers;
  /**
   * Kinds that run beside the others, one at a time among themselves: an audit can take minutes,
   * and a block must not wait for it.
   */
  beside?: readonly TaskKind[];
  /** How long one poll waits on the server, at most 25. */
  pollSeconds?: number;
  now?: () => number;
}

export type TaskOutcome = 'ran' | 'refused' | 'duplicate';

export interface TaskRunner {
  /** Long-polls for tasks and runs them until stopped. */
  start(): void;
  /** Verifies and, if allowed and not run before, runs one envelope and reports its result. */
  process(raw: unknown): Promise<TaskOutcome>;
  stop(): Promise<void>;
}

const maxBackoffMs = 30_000;

export function createTaskRunner(options: TaskRunnerOptions): TaskRunner {
  const { client, logger } = options;
  const now = options.now ?? Date.now;
  const serverKey = options.taskPublicKey ? publicKeyFromRaw(options.taskPublicKey) : undefined;
  const executedFile = join(options.dataDir, 'executed-tasks.json');
  // Task id → its expiry. Expired ids can be forgotten: their envelopes are refused anyway.
  const executed = loadExecuted(executedFile);
  const stopping = new AbortController();
  // Read through a function, so checks after an await are not narrowed away.
  let running = false;
  const isRunning = () => running;
  let loopDone: Promise<void> = Promise.resolve();
  let busy: Promise<unknown> = Promise.resolve();
  let besideChain: Promise<unknown> = Promise.resolve();
  const beside = new Set<string>(options.beside ?? []);
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const report = async (id: string, result: TaskResultRequest) => {
    for (let attempt = 0, delayMs = 500; ; attempt += 1, delayMs *= 2) {
      try {
        await client.post(`/api/agent/v1/tasks/${encodeURIComponent(id)}/result`, result);
        return;
      } catch (err) {
        if ((err instanceof AgentHttpError && err.status < 500) || attempt >= 4) {
          logger.error({ err, taskId: id }, 'could not report a task result');
          return;
        }
        await sleep(delayMs);
      }
    }
  };

  // Tasks beside the others record themselves at the same time; the file takes one writer at a time.
  let saving: Promise<unknown> = Promise.resolve();
  const remember = async (id: string, expiresAt: string) => {
    const cutoff = now();
    for (const [known, expiry] of executed) if (Date.parse(expiry) <= cutoff) executed.delete(known);
    executed.set(id, expiresAt);
    const write = saving.then(() =>
      atomicWriteFile(executedFile, `${JSON.stringify(Object.fromEntries(executed))}\n`),
    );
    saving = write.catch(() => undefined);
    await write;
  };

  const run = async (task: TaskEnvelope & { kind: TaskKind }): Promise<TaskResultRequest> => {
    const handler = options.handlers[task.kind] ?? (task.kind === 'ping' ? ping : undefined);
    if (!handler)
      return { status: 'failed', exitCode: 1, output: `${task.kind} is not available on this agent` };
    const controller = new AbortController();
    const onStop = () => controller.abort(new Error('the agent is stopping'));
    stopping.signal.addEventListener('abort', onStop);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<TaskResultRequest>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error('timed out'));
        resolve({ status: 'timed_out', output: `no result within ${task.timeoutSeconds} s` });
      }, task.timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([
        handler(task.params, controller.signal, { id: task.id }).then(
          (output): TaskResultRequest => ({ status: 'succeeded', exitCode: 0, output: cap(output) }),
          (error: unknown): TaskResultRequest => ({
            status: 'failed',
            exitCode: 1,
            output: cap(error instanceof Error ? error.message : String(error)),
          }),
        ),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
      stopping.signal.removeEventListener('abort', onStop);
    }
  };

  const process = async (raw: unknown): Promise<TaskOutcome> => {
    const verdict = verifyTaskEnvelope(raw, { serverKey, agentId: options.agentId, now: now() });
    if (!verdict.ok) {
      const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      logger.error({ taskId: String(id), reason: verdict.reason }, 'REFUSED a task');
      if (verdict.reportId && !executed.has(verdict.reportId)) {
        await remember(verdict.reportId, new Date(now() + 86_400_000).toISOString());
        await report(verdict.reportId, {
          status: 'failed',
          exitCode: 1,
          output: `refused: ${verdict.reason}`,
        });
      }
      return 'refused';
    }
    const { task } = verdict;
    if (executed.has(task.id)) {
      logger.warn({ taskId: task.id }, 'ignored a task that already ran (replayed)');
      return 'duplicate';
    }
    // Recorded before running: a crash mid-task leaves it not rerun rather than run twice.
    await remember(task.id, task.expiresAt);
    logger.info({ taskId: task.id, kind: task.kind }, 'running a task');
    const result = await run(task);
    logger.info({ taskId: task.id, kind: task.kind, status: result.status }, 'task finished');
    await report(task.id, result);
    return 'ran';
  };

  const loop = async () => {
    let backoffMs = 500;
    while (isRunning()) {
      try {
        const response = await client.post<TaskPollResponse>(
          '/api/agent/v1/tasks/poll',
          { waitSeconds: options.pollSeconds ?? 25 },
          { signal: stopping.signal },
        );
        backoffMs = 500;
        for (const raw of response.tasks) {
          if (!isRunning()) break;
          if (beside.has(raw.kind)) {
            // Not run when the agent stopped meanwhile: the server times the task out.
            besideChain = besideChain
              .then(() => (isRunning() ? process(raw) : undefined))
              .catch((err: unknown) => logger.error({ err, taskId: raw.id }, 'a task could not be run'));
            continue;
          }
          const current = process(raw);
          busy = current.catch(() => undefined);
          await current;
        }
      } catch (err) {
        if (!isRunning()) return;
        const level = err instanceof AgentHttpError && err.refused ? 'error' : 'warn';
        logger[level]({ err, retryInMs: backoffMs }, 'polling for tasks failed; will retry');
        await sleep(backoffMs);
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
      }
    }
  };

  return {
    process,
    start() {
      if (!serverKey) {
        logger.error(
          'this agent has no pinned task-signing key (it enrolled before remote tasks): it refuses all tasks; enroll it again to receive them',
        );
        return;
      }
      running = true;
      loopDone = loop().catch((err: unknown) => logger.error({ err }, 'the task runner stopped'));
    },
    async stop() {
      running = false;
      stopping.abort();
      wake?.();
      // Aborting ends a long poll at once; tasks that are running get their signal and are awaited.
      await busy;
      await loopDone;
      await besideChain;
    },
  };
}

const ping: TaskHandler = (params) =>
  Promise.resolve(typeof params.message === 'string' ? params.message : 'pong');

function cap(output: string): string {
  if (output.length <= maxTaskOutputChars) return output;
  const note = '\n[output truncated]';
  return output.slice(0, maxTaskOutputChars - note.length) + note;
}

function loadExecuted(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  const parsed = JSON.parse(text) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file} is damaged; it guards against replayed tasks, so the agent will not guess`);
  }
  return new Map(
    Object.entries(parsed as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
