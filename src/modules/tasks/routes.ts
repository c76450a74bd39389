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
import { queueTask } from './queue-task.ts';
import { waitForTaskBell } from './task-bell.ts';
import { claimQueuedTasks, listTasks, recordResult, toEnvelope, toTask } from './tasks-store.ts';

const tags = ['tasks'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

/**
 * Kinds with a workflow of their own, queued only there: audit runs carry only approved
 * policies, firewall policy tasks belong to a stored policy (drift, restore on return), package
 * upgrades belong to an approved patch plan.
 */
const ownWorkflow: Partial<Record<string, string>> = {
  'sca.run': 'POST /api/audit/runs',
  'firewall.policy.plan': 'POST /api/firewall/policies/{name}/plan',
  'firewall.policy.apply': 'POST /api/firewall/policies/{name}/apply',
  'patch.simulate': 'POST /api/patch-plans/{id}/simulate',
  'patch.apply': 'POST /api/patch-plans/{id}/start',
};

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

export interface TaskRouteHooks {
  /**
   * Runs as an agent's poll begins, before it takes tasks, so what it queues goes out in this
   * answer. `restarted`: this process saw the agent's previous poll cut off by the agent (it
   * stopped or crashed) or still open (it started again before its old connection was seen to
   * close), the marks of an agent that started over.
   */
  beforePoll?: (agentId: string, restarted: boolean) => Promise<void>;
  /**
   * Runs once an agent's task result is stored, before the agent is answered, so the module that
   * queued the task can act on what it found (a firewall plan's drift, say) without this module
   * knowing of it. A hook that fails is logged; the result stays recorded.
   */
  afterResult?: (agentId: string, taskId: string) => Promise<void>;
}

export function registerTaskRoutes(app: ApiApp, deps: Deps, hooks: TaskRouteHooks = {}): void {
  const { db } = deps.database;
  const openPolls = new Map<string, number>();
  const cutOff = new Set<string>();
  // The newest poll of each agent: a cut-off poll that a newer one already saw open (and so
  // counted as a restart) must not count again when its close is noticed late.
  const newestPoll = new Map<string, number>();
  let polls = 0;

  app.openapi(createTask, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    c.set('auditTarget', id);
    c.set('auditDetail', `kind=${body.kind}`);
    const route = ownWorkflow[body.kind];
    if (route !== undefined)
      throw new AppError('bad_request', `${body.kind} tasks are queued through ${route}, not one by one`);
    const key = deps.taskSigningKey;
    if (!key) throw new AppError('not_ready', 'this server has no task-signing key');
    const agent = await findAgent(db, id);
    if (!agent) throw new AppError('not_found', 'no such agent');
    if (agent.revoked_at !== null) throw new AppError('conflict', 'the agent is revoked');
    const task = await queueTask(
      db,
      key,
      { ...body, agentId: id, createdBy: c.get('principal')?.username ?? null },
      deps.clock.now(),
    );
    c.set('auditTarget', `${agent.hostname} (${id}) task ${task.id}`);
    return c.json(task, 201);
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
    const restarted = cutOff.delete(agent.id) || (openPolls.get(agent.id) ?? 0) > 0;
    openPolls.set(agent.id, (openPolls.get(agent.id) ?? 0) + 1);
    const thisPoll = ++polls;
    newestPoll.set(agent.id, thisPoll);
    try {
      if (hooks.beforePoll) {
        await hooks.beforePoll(agent.id, restarted).catch((err: unknown) => {
          deps.logger.error({ err, agentId: agent.id }, 'preparing an agent’s poll failed');
        });
      }
      for (;;) {
        // A poll whose agent has gone must not take tasks it can no longer deliver.
        if (signal.aborted) return c.json({ tasks: [] }, 200);
        const claimed = await claimQueuedTasks(db, agent.id, deps.clock.now());
        const left = deadline - Date.now();
        if (claimed.length > 0 || left <= 0) {
          return c.json({ tasks: claimed.map((row) => toEnvelope(row)) }, 200);
        }
        await waitForTaskBell(agent.id, Math.min(pollIntervalMs, left), signal);
      }
    } finally {
      const open = (openPolls.get(agent.id) ?? 1) - 1;
      if (open > 0) openPolls.set(agent.id, open);
      else openPolls.delete(agent.id);
      const newest = newestPoll.get(agent.id) === thisPoll;
      if (signal.aborted && newest) cutOff.add(agent.id);
      if (newest && open === 0) newestPoll.delete(agent.id);
    }
  });

  app.openapi(result, async (c) => {
    const agent = c.get('agent');
    if (!agent) throw new AppError('unauthenticated');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await recordResult(db, agent.id, id, body, deps.clock.now());
    if (hooks.afterResult) {
      await hooks.afterResult(agent.id, id).catch((err: unknown) => {
        deps.logger.error({ err, agentId: agent.id, taskId: id }, 'acting on a task result failed');
      });
    }
    return c.body(null, 204);
  });
}
