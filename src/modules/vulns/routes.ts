import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonResponse } from '../../platform/http/define-route.ts';
import { AgentId } from '../../protocol/response-config.ts';
import {
  FeedStatus,
  VulnFinding,
  VulnFindingList,
  VulnFindingQuery,
  VulnSummary,
} from '../../protocol/vuln-api.ts';
import type { Deps } from '../deps.ts';
import { allFindings } from './all-findings.ts';
import { exportFindings, exportFormats } from './export-findings.ts';
import { getVulnSummary } from './get-vuln-summary.ts';
import { FeedDownload, listFeedDownloads } from './list-feed-downloads.ts';
import { listFeeds } from './list-feeds.ts';
import { listFindings } from './list-findings.ts';
import { scanDueHosts } from './scan-due-hosts.ts';

const tags = ['vulnerabilities'];

const ExportQuery = VulnFindingQuery.omit({ limit: true, offset: true }).extend({
  format: z.enum(exportFormats),
});
const RescanRequest = z.object({
  /** Only these hosts; every host when left out. */
  agentIds: z.array(AgentId).min(1).max(10_000).optional(),
});
const RescanAccepted = z.object({ hosts: z.number().int() }).meta({ id: 'VulnRescanAccepted' });

const list = defineRoute({
  method: 'get',
  path: '/api/vulnerabilities',
  action: 'vulns.findings.list',
  access: 'vulns:read',
  summary: 'Vulnerability findings, filtered, by risk (or first seen, or due date), paged',
  tags,
  request: { query: VulnFindingQuery },
  responses: { 200: jsonResponse(VulnFindingList, 'Findings') },
});

const summary = defineRoute({
  method: 'get',
  path: '/api/vulnerabilities/summary',
  action: 'vulns.summary',
  access: 'vulns:read',
  summary: 'Open findings by severity, host and package, the 30-day trend and the feeds',
  tags,
  responses: { 200: jsonResponse(VulnSummary, 'Summary') },
});

const exportRoute = defineRoute({
  method: 'get',
  path: '/api/vulnerabilities/export',
  action: 'vulns.findings.export',
  access: 'vulns:read',
  summary: 'Findings matching the filters as OCSF Vulnerability Findings (JSON array), SARIF or CSV',
  tags,
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'Export file',
      content: {
        'application/json': { schema: z.array(z.record(z.string(), z.unknown())) },
        'application/sarif+json': { schema: z.record(z.string(), z.unknown()) },
        'text/csv': { schema: z.string() },
      },
    },
  },
});

const get = defineRoute({
  method: 'get',
  path: '/api/vulnerabilities/{id}',
  action: 'vulns.findings.get',
  access: 'vulns:read',
  summary: 'One finding',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(128) }) },
  responses: { 200: jsonResponse(VulnFinding, 'Finding') },
});

const feeds = defineRoute({
  method: 'get',
  path: '/api/feeds',
  action: 'vulns.feeds.list',
  access: 'vulns:read',
  summary: 'Imported vulnerability feeds, with their age and whether they are stale, and scheduled downloads',
  tags,
  responses: {
    200: jsonResponse(z.object({ feeds: z.array(FeedStatus), downloads: z.array(FeedDownload) }), 'Feeds'),
  },
});

const rescan = defineRoute({
  method: 'post',
  path: '/api/vulnerabilities/rescan',
  action: 'vulns.rescan',
  access: 'vulns:write',
  summary: 'Match hosts against the stored feeds again now; findings update as each host finishes',
  tags,
  request: {
    body: { content: { 'application/json': { schema: RescanRequest } }, required: false },
  },
  responses: { 202: jsonResponse(RescanAccepted, 'Started') },
});

export interface VulnRouteOptions {
  /** The server's version, named as the tool in SARIF exports. */
  version: string;
}

export function registerVulnRoutes(app: ApiApp, deps: Deps, options: VulnRouteOptions): void {
  const { db } = deps.database;
  const staleAfter = deps.config.vuln.staleAfterHours;
  let rescanning: Promise<unknown> = Promise.resolve();

  app.openapi(list, async (c) => c.json(await listFindings(db, c.req.valid('query'), deps.clock.now()), 200));

  app.openapi(summary, async (c) => c.json(await getVulnSummary(db, deps.clock.now(), staleAfter), 200));

  app.openapi(exportRoute, async (c) => {
    const { format, ...query } = c.req.valid('query');
    const now = deps.clock.now();
    const file = exportFindings(await allFindings(db, query, now), format, options.version);
    return new Response(file.text, {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="vigil-vulnerabilities-${now.toISOString().slice(0, 10)}.${file.extension}"`,
        'cache-control': 'no-store',
      },
    });
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const found = await listFindings(
      db,
      { ...VulnFindingQuery.parse({ status: 'all' }), ids: [id] },
      deps.clock.now(),
    );
    const finding = found.findings[0];
    if (!finding) throw new AppError('not_found', `no vulnerability finding ${id}`);
    return c.json(finding, 200);
  });

  app.openapi(feeds, async (c) =>
    c.json(
      { feeds: await listFeeds(db, deps.clock.now(), staleAfter), downloads: await listFeedDownloads(db) },
      200,
    ),
  );

  app.openapi(rescan, async (c) => {
    const body = c.req.header('content-type') === undefined ? {} : c.req.valid('json');
    let hosts = db
      .selectFrom('host_inventory as i')
      .innerJoin('agents as a', 'a.id', 'i.agent_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('a.revoked_at', 'is', null);
    if (body.agentIds !== undefined) hosts = hosts.where('i.agent_id', 'in', body.agentIds);
    const { n } = await hosts.executeTakeFirstOrThrow();
    c.set('auditTarget', body.agentIds?.join(', ') ?? 'all hosts');
    c.set('auditDetail', `${Number(n)} hosts to match again`);
    // One rescan at a time; a second request waits its turn rather than matching twice at once.
    rescanning = rescanning
      .then(() => scanDueHosts(deps, { force: true, ...(body.agentIds ? { agentIds: body.agentIds } : {}) }))
      .catch((err: unknown) => deps.logger.error({ err }, 'rescanning hosts for vulnerabilities failed'));
    return c.json({ hosts: Number(n) }, 202);
  });
}
