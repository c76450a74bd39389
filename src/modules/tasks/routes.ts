import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse, noContent } from '../../platform/http/define-route.ts';
import {
  CreateTaskRequest,
  Task,
  TaskPollRequest,
  TaskPollResponse,
  TaskResultRequest,
} from '../../protocol/tasks.ts';
import { findAgent } from '../agents/agents-store.ts';
import type { Deps } from '../deps.ts';
import { signTask } from './task-envelope.ts';
import { claimQueuedTasks, listTasks, recordResult, toEnvelope, toTask } from './tasks-store.ts';

const tags = ['tasks'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

/** How long a queued task stays valid: an agent offline for longer never runs it. */
export const taskLifetimeMs = 24 * 60 * 60 * 1000;
/** Polls re-read the database this often, so tasks queued by another server process arrive too. */
const pollIntervalMs = 1000;

const createTask = defineRoute({
  method: 'post',
  path: '/api/agents/{id}/tasks',
  action: 'agents.tasks.create',
  access: 'agents:write',
  summary: 'Queue a signed task for an agent',
  tags,
  request: { params: IdParam, body: jsonBody(CreateTaskRequest) },
  responses: { 201: jsonResponse(Task, 'Queued') },
});

const listAgentTasks = defineRoute({
  method: 'get',
  path: '/api/agents/{id}/tasks',
  action: 'agents.tasks.list',
  access: 'agents:read',
  summary: 'The agent’s tasks with status and output, newest first',
  tags,
  request: {
    params: IdParam,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
  },
  responses: { 200: jsonResponse(z.object({ tasks: z.array(Task) }), 'Tasks') },
});

const poll = defineRoute({
  method: 'post',
  path: '/api/agent/v1/tasks/poll',
  action: 'agent-channel.tasks.poll',
  access: 'agent',
  summary: 'Wait up to waitSeconds for this agent’s queued tasks (signed); they are marked sent',
  tags: ['agent channel'],
  request: { body: jsonBody(TaskPollRequest) },
  responses: { 200: jsonResponse(TaskPollResponse, 'Signed task envelopes') },
});

const result = defineRoute({
  method: 'post',
  path: '/api/agent/v1/tasks/{id}/result',
  action: 'agent-channel.tasks.result',
  access: 'agent',
  summary: 'Report the result of a task this agent received (signed)',
  tags: ['agent channel'],
  request: { params: IdParam, body: jsonBody(TaskResultRequest) },
  responses: noContent,
});

export function registerTaskRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;
  // Wakes this process's long polls at once; other processes' polls see the row at their next read.
  const waiters = new Map<string, Set<() => void>>();
  const wake = (agentId: string) => {
    for (const resolve of waiters.get(agentId) ?? []) resolve();
  };
  const waitForTask = (agentId: string, ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const set = waiters.get(agentId) ?? new Set();
      waiters.set(agentId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) waiters.delete(agentId);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      set.add(done);
      signal.addEventListener('abort', done);
    });

  app.openapi(createTask, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    c.set('auditTarget', id);
    c.set('auditDetail', `kind=${body.kind}`);
    const key = deps.taskSigningKey;
    if (!key) throw new AppError('not_ready', 'this server has no task-signing key');
    const agent = await findAgent(db, id);
    if (!agent) throw new AppError('not_found', 'no such agent');
    if (agent.revoked_at !== null) throw new AppError('conflict', 'the agent is revoked');
    const now = deps.clock.now();
    const unsigned = {
      id: deps.random.uuid(),
      agentId: id,
      kind: body.kind,
      params: body.params,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + taskLifetimeMs).toISOString(),
      timeoutSeconds: body.timeoutSeconds,
    };
    const row = {
      id: unsigned.id,
      agent_id: id,
      kind: body.kind,
      params: JSON.stringify(body.params),
      created_at: unsigned.issuedAt,
      created_by: c.get('principal')?.username ?? null,
      expires_at: unsigned.expiresAt,
      timeout_seconds: body.timeoutSeconds,
      status: 'queued',
      sent_at: null,
      finished_at: null,
      exit_code: null,
      output: null,
      signature: signTask(key.privateKey, unsigned),
    };
    await db.insertInto('agent_tasks').values(row).execute();
    c.set('auditTarget', `${agent.hostname} (${id}) task ${row.id}`);
    wake(id);
    return c.json(toTask(row), 201);
  });

  app.openapi(listAgentTasks, async (c) => {
    const { id } = c.req.valid('param');
    const rows = await listTasks(db, id, c.req.valid('query').limit);
    return c.json({ tasks: rows.map((row) => toTask(row)) }, 200);
  });

  app.openapi(poll, async (c) => {
    const agent = c.get('agent');
    if (!agent) throw new AppError('unauthenticated');
    const deadline = Date.now() + c.req.valid('json').waitSeconds * 1000;
    const signal = c.req.raw.signal;
    for (;;) {
      // A poll whose agent has gone must not take tasks it can no longer deliver.
      if (signal.aborted) return c.json({ tasks: [] }, 200);
      const claimed = await claimQueuedTasks(db, agent.id, deps.clock.now());
      const left = deadline - Date.now();
      if (claimed.length > 0 || left <= 0) {
        return c.json({ tasks: claimed.map((row) => toEnvelope(row)) }, 200);
      }
      await waitForTask(agent.id, Math.min(pollIntervalMs, left), signal);
    }
  });

  app.openapi(result, async (c) => {
    const agent = c.get('agent');
    if (!agent) throw new AppError('unauthenticated');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await recordResult(db, agent.id, id, body, deps.clock.now());
    return c.body(null, 204);
  });
}
