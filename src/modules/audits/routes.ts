import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse, noContent } from '../../platform/http/define-route.ts';
import type { Principal } from '../../platform/http/principal.ts';
import {
  ApproveAuditPolicyRequest,
  AuditCheckDetail,
  AuditHost,
  AuditOverview,
  AuditPolicyDetail,
  AuditPolicyId,
  AuditPolicyList,
  AuditResultsRequest,
  AuditWaiver,
  AuditWaiverList,
  CreateWaiverRequest,
  PutAuditPolicyGroupsRequest,
  PutAuditPolicyRequest,
  QueuedAudits,
  RunAuditsRequest,
  WaiverQuery,
} from '../../protocol/audits-api.ts';
import { AgentId } from '../../protocol/response-config.ts';
import type { Deps } from '../deps.ts';
import { approvePolicy } from './approve-policy.ts';
import { createWaiver } from './create-waiver.ts';
import { deletePolicy } from './delete-policy.ts';
import { deleteWaiver } from './delete-waiver.ts';
import { flagRegressions, type RecordRegression } from './flag-regressions.ts';
import { fleetReport } from './fleet-report.ts';
import { getAuditOverview } from './get-audit-overview.ts';
import { getCheckDetail } from './get-check-detail.ts';
import { getHostAudit } from './get-host-audit.ts';
import { getPolicyDetail } from './get-policy-detail.ts';
import { hostReport } from './host-report.ts';
import { listPolicies } from './list-policies.ts';
import { listWaivers } from './list-waivers.ts';
import { renderPdf } from './render-pdf.ts';
import { requestAuditRuns } from './request-audit-runs.ts';
import { savePolicy } from './save-policy.ts';
import { setPolicyGroups } from './set-policy-groups.ts';
import { storeAuditRun } from './store-audit-run.ts';

const tags = ['audits'];
const IdParam = z.object({ id: AuditPolicyId });
const HostParam = z.object({ agentId: AgentId });
const CheckParams = z.object({
  agentId: AgentId,
  policyId: AuditPolicyId,
  checkId: z.coerce.number().int(),
});
/** `<agent id>.html` or `.pdf`: the file name the report downloads as. */
const ReportFile = z.object({
  file: z.string().regex(/^[\w.-]{1,64}\.(html|pdf)$/, '<agent id>.html or <agent id>.pdf'),
});

const htmlResponse = {
  200: { description: 'Self-contained HTML', content: { 'text/html': { schema: z.string() } } },
};
const pdfResponse = {
  200: {
    description: 'PDF printed by Chromium',
    content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
  },
};

const list = defineRoute({
  method: 'get',
  path: '/api/audit/policies',
  action: 'audits.policies.list',
  access: 'audits:read',
  summary: 'Audit policies, with their groups and whether they are approved',
  tags,
  responses: { 200: jsonResponse(AuditPolicyList, 'Policies') },
});

const get = defineRoute({
  method: 'get',
  path: '/api/audit/policies/{id}',
  action: 'audits.policies.get',
  access: 'audits:read',
  summary: 'An audit policy: its YAML and its checks',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonResponse(AuditPolicyDetail, 'Policy') },
});

const put = defineRoute({
  method: 'put',
  path: '/api/audit/policies/{id}',
  action: 'audits.policies.save',
  access: 'audits:write',
  summary:
    'Create or replace an audit policy from its Wazuh SCA YAML; one that runs commands waits for approval unless you may approve',
  tags,
  request: { params: IdParam, body: jsonBody(PutAuditPolicyRequest) },
  responses: {
    200: jsonResponse(AuditPolicyDetail, 'Replaced'),
    201: jsonResponse(AuditPolicyDetail, 'Created'),
  },
});

const approve = defineRoute({
  method: 'post',
  path: '/api/audit/policies/{id}/approve',
  action: 'audits.policies.approve',
  access: 'audits:approve',
  summary: 'Approve an audit policy, so hosts are sent it (its commands run on every host of its groups)',
  tags,
  request: { params: IdParam, body: jsonBody(ApproveAuditPolicyRequest) },
  responses: { 200: jsonResponse(AuditPolicyDetail, 'Approved') },
});

const remove = defineRoute({
  method: 'delete',
  path: '/api/audit/policies/{id}',
  action: 'audits.policies.delete',
  access: 'audits:write',
  summary: 'Delete an uploaded audit policy with its runs and waivers',
  tags,
  request: { params: IdParam },
  responses: noContent,
});

const groups = defineRoute({
  method: 'put',
  path: '/api/audit/policies/{id}/groups',
  action: 'audits.policies.groups',
  access: 'audits:write',
  summary: 'Assign an audit policy to host groups; their hosts run it on the schedule',
  tags,
  request: { params: IdParam, body: jsonBody(PutAuditPolicyGroupsRequest) },
  responses: { 200: jsonResponse(AuditPolicyDetail, 'Assigned') },
});

const runs = defineRoute({
  method: 'post',
  path: '/api/audit/runs',
  action: 'audits.runs.create',
  access: 'audits:run',
  summary: 'Run audits now: policies on hosts; results arrive as the hosts finish',
  tags,
  request: { body: jsonBody(RunAuditsRequest) },
  responses: { 202: jsonResponse(QueuedAudits, 'Queued') },
});

const overview = defineRoute({
  method: 'get',
  path: '/api/audit/overview',
  action: 'audits.overview',
  access: 'audits:read',
  summary: 'Fleet, host, policy, group and framework scores from each host’s latest runs',
  tags,
  responses: { 200: jsonResponse(AuditOverview, 'Overview') },
});

const host = defineRoute({
  method: 'get',
  path: '/api/audit/hosts/{agentId}',
  action: 'audits.hosts.get',
  access: 'audits:read',
  summary: 'A host’s latest run of each policy, every check’s result',
  tags,
  request: { params: HostParam },
  responses: { 200: jsonResponse(AuditHost, 'Host') },
});

const check = defineRoute({
  method: 'get',
  path: '/api/audit/hosts/{agentId}/policies/{policyId}/checks/{checkId}',
  action: 'audits.checks.get',
  access: 'audits:read',
  summary: 'One check on one host: its text, waivers, and its result and evidence in each run',
  tags,
  request: { params: CheckParams },
  responses: { 200: jsonResponse(AuditCheckDetail, 'Check') },
});

const waivers = defineRoute({
  method: 'get',
  path: '/api/audit/waivers',
  action: 'audits.waivers.list',
  access: 'audits:read',
  summary: 'Waivers, newest first; expired ones are listed inactive',
  tags,
  request: { query: WaiverQuery },
  responses: { 200: jsonResponse(AuditWaiverList, 'Waivers') },
});

const waive = defineRoute({
  method: 'post',
  path: '/api/audit/waivers',
  action: 'audits.waivers.create',
  access: 'audits:write',
  summary:
    'Waive a check for all hosts, a group or some hosts, with a justification and an owner, until it expires',
  tags,
  request: { body: jsonBody(CreateWaiverRequest) },
  responses: { 201: jsonResponse(AuditWaiver, 'Granted') },
});

const unwaive = defineRoute({
  method: 'delete',
  path: '/api/audit/waivers/{id}',
  action: 'audits.waivers.delete',
  access: 'audits:write',
  summary: 'Remove a waiver; the check counts again',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: noContent,
});

const hostReportRoute = defineRoute({
  method: 'get',
  path: '/api/audit/reports/hosts/{file}',
  action: 'audits.reports.host',
  access: 'audits:read',
  summary: 'A host’s audit report for auditors: `<agent id>.html` (self-contained) or `<agent id>.pdf`',
  tags,
  request: { params: ReportFile },
  responses: {
    200: {
      description: 'The report',
      content: { ...htmlResponse[200].content, ...pdfResponse[200].content },
    },
  },
});

const fleetHtml = defineRoute({
  method: 'get',
  path: '/api/audit/reports/fleet.html',
  action: 'audits.reports.fleet',
  access: 'audits:read',
  summary: 'The fleet’s audit report for auditors, self-contained HTML',
  tags,
  responses: htmlResponse,
});

const fleetPdf = defineRoute({
  method: 'get',
  path: '/api/audit/reports/fleet.pdf',
  action: 'audits.reports.fleet-pdf',
  access: 'audits:read',
  summary: 'The fleet’s audit report for auditors, as PDF',
  tags,
  responses: pdfResponse,
});

const results = defineRoute({
  method: 'post',
  path: '/api/agent/v1/audit/results',
  action: 'agent-channel.audit.results',
  access: 'agent',
  summary: 'The full run of an sca.run task, with its evidence (signed); the task result is only a summary',
  tags: ['agent channel'],
  request: { body: jsonBody(AuditResultsRequest) },
  responses: noContent,
});

/**
 * Reports are whole documents with their own inline stylesheet and nothing else: no script may
 * run, nothing may load, and no other site may frame them.
 */
const reportHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

export interface AuditRouteOptions {
  /** The server's version, printed in reports. */
  version: string;
  /** Where passed→failed regressions go (the alert sink). */
  recordRegression: RecordRegression;
}

export function registerHostAuditRoutes(app: ApiApp, deps: Deps, options: AuditRouteOptions): void {
  const { db } = deps.database;
  const who = (principal: Principal | undefined) => {
    if (!principal) throw new AppError('unauthenticated');
    return principal;
  };
  const day = () => deps.clock.now().toISOString().slice(0, 10);
  const send = async (html: string, format: string, name: string) => {
    if (format === 'html')
      return new Response(html, {
        status: 200,
        headers: {
          ...reportHeaders,
          'content-type': 'text/html; charset=utf-8',
          'content-disposition': `inline; filename="${name}.html"`,
        },
      });
    const pdf = await renderPdf(html, deps.config.audit.chromiumPath);
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${name}.pdf"`,
        'cache-control': 'no-store',
      },
    });
  };

  app.openapi(list, async (c) => c.json({ policies: await listPolicies(db) }, 200));

  app.openapi(get, async (c) => c.json(await getPolicyDetail(db, c.req.valid('param').id), 200));

  app.openapi(put, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const principal = who(c.get('principal'));
    const saved = await savePolicy(
      deps,
      id,
      c.req.valid('json').source,
      { username: principal.username, canApprove: principal.permissions.includes('audits:approve') },
      deps.clock.now(),
    );
    c.set(
      'auditDetail',
      `${saved.created ? 'created' : 'replaced'}; ${saved.row.check_count} checks; sha256 ${saved.row.sha256}; ` +
        (saved.row.approved_at === null
          ? 'runs commands: awaiting approval'
          : `approved (by ${saved.row.approved_by ?? '?'})`),
    );
    return c.json(await getPolicyDetail(db, id), saved.created ? 201 : 200);
  });

  app.openapi(approve, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const approved = await approvePolicy(
      db,
      id,
      who(c.get('principal')).username,
      c.req.valid('json').sha256,
      deps.clock.now(),
    );
    const detail = await getPolicyDetail(db, id);
    c.set('auditDetail', approved ? `approved sha256 ${detail.sha256}` : 'already approved');
    return c.json(detail, 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const cancelled = await deletePolicy(db, id, deps.clock.now());
    c.set('auditDetail', `deleted with its runs and waivers; ${cancelled} queued runs cancelled`);
    return c.body(null, 204);
  });

  app.openapi(groups, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    c.set('auditTarget', id);
    await setPolicyGroups(db, id, body.groups);
    c.set('auditDetail', `groups: ${body.groups.join(', ') || 'none'}`);
    return c.json(await getPolicyDetail(db, id), 200);
  });

  app.openapi(runs, async (c) => {
    const body = c.req.valid('json');
    const tasks = await requestAuditRuns(deps, body, who(c.get('principal')).username, deps.clock.now());
    const hosts = [...new Set(tasks.map((task) => task.hostname))];
    c.set('auditTarget', (body.policies ?? ['assigned policies']).join(', '));
    c.set(
      'auditDetail',
      `${tasks.length} runs queued on ${hosts.length} hosts${hosts.length > 0 ? `: ${hosts.join(', ')}` : ''}`,
    );
    return c.json({ tasks }, 202);
  });

  app.openapi(overview, async (c) => c.json(await getAuditOverview(db, deps.clock.now()), 200));

  app.openapi(host, async (c) =>
    c.json(await getHostAudit(db, c.req.valid('param').agentId, deps.clock.now()), 200),
  );

  app.openapi(check, async (c) => {
    const { agentId, policyId, checkId } = c.req.valid('param');
    return c.json(await getCheckDetail(db, agentId, policyId, checkId, deps.clock.now()), 200);
  });

  app.openapi(waivers, async (c) =>
    c.json({ waivers: await listWaivers(db, c.req.valid('query'), deps.clock.now()) }, 200),
  );

  app.openapi(waive, async (c) => {
    const body = c.req.valid('json');
    c.set('auditTarget', `${body.policyId} ${body.checkId}`);
    const waiver = await createWaiver(deps, body, who(c.get('principal')).username, deps.clock.now());
    c.set(
      'auditDetail',
      `waiver ${waiver.id} for ${JSON.stringify(waiver.scope)} until ${waiver.expiresAt ?? 'never'}; owner ${waiver.owner}; ${waiver.justification}`,
    );
    return c.json(waiver, 201);
  });

  app.openapi(unwaive, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const row = await deleteWaiver(db, id);
    c.set('auditDetail', `removed the waiver of ${row.policy_id} ${row.check_id} (${row.justification})`);
    return c.body(null, 204);
  });

  app.openapi(hostReportRoute, async (c) => {
    const { file } = c.req.valid('param');
    const dot = file.lastIndexOf('.');
    const report = await hostReport(db, file.slice(0, dot), deps.clock.now(), options.version);
    const name = `vigil-audit-${report.hostname.replace(/[^\w.-]/g, '_')}-${day()}`;
    return send(report.html, file.slice(dot + 1), name);
  });

  app.openapi(fleetHtml, async () => {
    const html = await fleetReport(db, deps.clock.now(), options.version);
    return send(html, 'html', `vigil-audit-fleet-${day()}`);
  });

  app.openapi(fleetPdf, async () => {
    const html = await fleetReport(db, deps.clock.now(), options.version);
    return send(html, 'pdf', `vigil-audit-fleet-${day()}`);
  });

  app.openapi(results, async (c) => {
    const agent = c.get('agent');
    if (!agent) throw new AppError('unauthenticated');
    const stored = await storeAuditRun(deps, agent.id, c.req.valid('json'), deps.clock.now());
    if (stored.created)
      await flagRegressions(deps, options.recordRegression, stored.runId).catch((err: unknown) => {
        deps.logger.error({ err, agentId: agent.id }, 'checking an audit run for regressions failed');
      });
    return c.body(null, 204);
  });
}
