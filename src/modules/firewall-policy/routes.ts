import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse, noContent } from '../../platform/http/define-route.ts';
import {
  ApplyFirewallPolicyRequest,
  FirewallPolicyDetail,
  FirewallPolicyList,
  FirewallPolicyName,
  PlanFirewallPolicyRequest,
  PutFirewallPolicyRequest,
  QueuedPolicyTasks,
} from '../../protocol/firewall-policies-api.ts';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { deletePolicy } from './delete-policy.ts';
import { describeTasks } from './describe-tasks.ts';
import { getPolicyDetail } from './get-policy-detail.ts';
import { listPolicies } from './list-policies.ts';
import { requestPolicyTasks } from './request-policy-tasks.ts';
import { savePolicy } from './save-policy.ts';

const tags = ['firewall'];
const NameParam = z.object({ name: FirewallPolicyName });

const list = defineRoute({
  method: 'get',
  path: '/api/firewall/policies',
  action: 'firewall.policies.list',
  access: 'firewall:read',
  summary: 'Firewall policies, with their hosts and how many drift',
  tags,
  responses: { 200: jsonResponse(FirewallPolicyList, 'Policies') },
});

const get = defineRoute({
  method: 'get',
  path: '/api/firewall/policies/{name}',
  action: 'firewall.policies.get',
  access: 'firewall:read',
  summary: 'A firewall policy: its YAML, its ruleset, and each host’s latest plan and apply',
  tags,
  request: { params: NameParam },
  responses: { 200: jsonResponse(FirewallPolicyDetail, 'Policy') },
});

const put = defineRoute({
  method: 'put',
  path: '/api/firewall/policies/{name}',
  action: 'firewall.policies.save',
  access: 'firewall:write',
  summary: 'Create or replace a firewall policy from its YAML; hosts change only when it is applied',
  tags,
  request: { params: NameParam, body: jsonBody(PutFirewallPolicyRequest) },
  responses: {
    200: jsonResponse(FirewallPolicyDetail, 'Replaced'),
    201: jsonResponse(FirewallPolicyDetail, 'Created'),
  },
});

const remove = defineRoute({
  method: 'delete',
  path: '/api/firewall/policies/{name}',
  action: 'firewall.policies.delete',
  access: 'firewall:write',
  summary: 'Delete a firewall policy; its hosts are told to remove its rules',
  tags,
  request: { params: NameParam },
  responses: noContent,
});

const plan = defineRoute({
  method: 'post',
  path: '/api/firewall/policies/{name}/plan',
  action: 'firewall.policies.plan',
  access: 'firewall:write',
  summary: 'Ask the policy’s hosts what applying it would change; results arrive as the tasks finish',
  tags,
  request: { params: NameParam, body: jsonBody(PlanFirewallPolicyRequest) },
  responses: { 202: jsonResponse(QueuedPolicyTasks, 'Queued') },
});

const apply = defineRoute({
  method: 'post',
  path: '/api/firewall/policies/{name}/apply',
  action: 'firewall.policies.apply',
  access: 'firewall:write',
  summary: 'Apply the policy on its hosts; a host that cannot reach the server afterwards rolls back',
  tags,
  request: { params: NameParam, body: jsonBody(ApplyFirewallPolicyRequest) },
  responses: { 202: jsonResponse(QueuedPolicyTasks, 'Queued') },
});

export function registerFirewallPolicyRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;
  const username = (principal: { username: string } | undefined) => {
    if (!principal) throw new AppError('unauthenticated');
    return principal.username;
  };

  app.openapi(list, async (c) => c.json({ policies: await listPolicies(db) }, 200));

  app.openapi(get, async (c) => c.json(await getPolicyDetail(db, c.req.valid('param').name), 200));

  app.openapi(put, async (c) => {
    const { name } = c.req.valid('param');
    c.set('auditTarget', name);
    const saved = await savePolicy(
      deps,
      name,
      c.req.valid('json').source,
      username(c.get('principal')),
      deps.clock.now(),
    );
    const groups = saved.policy.groups.join(', ') || 'none';
    c.set(
      'auditDetail',
      `${saved.created ? 'created' : 'replaced'}; groups: ${groups}` +
        (saved.removed.length > 0 ? `; removal queued on ${describeTasks(saved.removed)} (groups left)` : ''),
    );
    return c.json(await getPolicyDetail(db, name), saved.created ? 201 : 200);
  });

  app.openapi(remove, async (c) => {
    const { name } = c.req.valid('param');
    c.set('auditTarget', name);
    const tasks = await deletePolicy(deps, name, username(c.get('principal')), deps.clock.now());
    c.set('auditDetail', `removal queued on ${describeTasks(tasks)}`);
    return c.body(null, 204);
  });

  app.openapi(plan, async (c) => {
    const { name } = c.req.valid('param');
    c.set('auditTarget', name);
    const { tasks } = await requestPolicyTasks(
      deps,
      name,
      'plan',
      c.req.valid('json'),
      username(c.get('principal')),
      deps.clock.now(),
    );
    c.set('auditDetail', `plan queued on ${describeTasks(tasks)}`);
    return c.json({ tasks }, 202);
  });

  app.openapi(apply, async (c) => {
    const { name } = c.req.valid('param');
    const body = c.req.valid('json');
    c.set('auditTarget', name);
    const { tasks } = await requestPolicyTasks(
      deps,
      name,
      'apply',
      body,
      username(c.get('principal')),
      deps.clock.now(),
    );
    c.set('auditDetail', `apply queued on ${describeTasks(tasks)}; confirm within ${body.confirmSeconds}s`);
    return c.json({ tasks }, 202);
  });
}
