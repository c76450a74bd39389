import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/http/define-route.ts';
import { CreatePatchPlanRequest, PatchPlan, PatchPlanList } from '../../protocol/patch-api.ts';
import type { Deps } from '../deps.ts';
import { approvePlan } from './approve-plan.ts';
import { cancelPlan } from './cancel-plan.ts';
import { createPlan } from './create-plan.ts';
import { requirePlan } from './find-plan.ts';
import { listPlans } from './list-plans.ts';
import { simulatePlan } from './simulate-plan.ts';
import { startPlan } from './start-plan.ts';
import { toPatchPlan } from './to-patch-plan.ts';

const tags = ['patches'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

const list = defineRoute({
  method: 'get',
  path: '/api/patch-plans',
  action: 'patches.plans.list',
  access: 'patches:read',
  summary: 'Patch plans, newest first, with counts of hosts, packages and findings',
  tags,
  responses: { 200: jsonResponse(PatchPlanList, 'Plans') },
});

const create = defineRoute({
  method: 'post',
  path: '/api/patch-plans',
  action: 'patches.plans.create',
  access: 'patches:write',
  summary: 'Draft a plan: the upgrades (with exact target versions) that resolve open findings with a fix',
  tags,
  request: { body: jsonBody(CreatePatchPlanRequest) },
  responses: { 201: jsonResponse(PatchPlan, 'Drafted') },
});

const get = defineRoute({
  method: 'get',
  path: '/api/patch-plans/{id}',
  action: 'patches.plans.get',
  access: 'patches:read',
  summary: 'A patch plan with each host’s packages, simulation, progress and output',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonResponse(PatchPlan, 'Plan') },
});

/** The workflow steps: each takes the plan id and answers with the plan. */
function step(
  name: 'simulate' | 'approve' | 'start' | 'cancel',
  access: 'patches:write' | 'patches:approve',
  status: 200 | 202,
  summary: string,
) {
  return defineRoute({
    method: 'post',
    path: `/api/patch-plans/{id}/${name}`,
    action: `patches.plans.${name}`,
    access,
    summary,
    tags,
    request: { params: IdParam },
    responses: { [status]: jsonResponse(PatchPlan, 'Plan') },
  });
}

const steps = {
  simulate: step(
    'simulate',
    'patches:write',
    202,
    'Ask each host what the upgrades would change (patch.simulate); hosts become simulated or unavailable',
  ),
  approve: step(
    'approve',
    'patches:approve',
    200,
    'Approve a simulated draft for rollout; with patches.separateApproval its author cannot (409)',
  ),
  start: step(
    'start',
    'patches:write',
    202,
    'Start an approved plan: canaries first, then the rest, inside its maintenance window if it has one',
  ),
  cancel: step(
    'cancel',
    'patches:write',
    200,
    'Cancel a plan; hosts not started are skipped, upgrades already on hosts finish and are kept',
  ),
} as const;

const actions = {
  simulate: simulatePlan,
  approve: approvePlan,
  start: startPlan,
  cancel: cancelPlan,
} as const;

export function registerPatchRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;
  const username = (principal: { username: string } | undefined) => {
    if (!principal) throw new AppError('unauthenticated');
    return principal.username;
  };

  app.openapi(list, async (c) => c.json({ plans: await listPlans(db) }, 200));

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    c.set('auditTarget', body.name);
    const plan = await createPlan(deps, body, username(c.get('principal')), deps.clock.now());
    c.set('auditTarget', `plan ${plan.name} (${plan.id})`);
    c.set('auditDetail', describePlan(plan));
    return c.json(plan, 201);
  });

  app.openapi(get, async (c) => {
    const stored = await requirePlan(db, c.req.valid('param').id);
    return c.json(toPatchPlan(stored.plan, stored.hosts), 200);
  });

  for (const name of ['simulate', 'approve', 'start', 'cancel'] as const) {
    const status = name === 'simulate' || name === 'start' ? 202 : 200;
    app.openapi(steps[name], async (c) => {
      const { id } = c.req.valid('param');
      c.set('auditTarget', `plan ${id}`);
      const plan = await actions[name](deps, id, username(c.get('principal')), deps.clock.now());
      c.set('auditTarget', `plan ${plan.name} (${plan.id})`);
      c.set('auditDetail', `${plan.status}; ${plan.message ?? ''}; ${describePlan(plan)}`);
      return c.json(plan, status);
    });
  }
}

/** Which hosts and packages, for the audit log: `web1 (openssl≥3.0.11-1, libssl3≥3.0.11-1); …`. */
function describePlan(plan: PatchPlan): string {
  return plan.hosts
    .map(
      (host) =>
        `${host.hostname ?? host.agentId}${host.canary ? ' [canary]' : ''} (${host.packages.map((p) => `${p.name}≥${p.atLeast}`).join(', ')})`,
    )
    .join('; ');
}
