import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/http/define-route.ts';
import {
  NetExposureList,
  NetExposureQuery,
  NetFindingList,
  NetFindingQuery,
  NetFindingRecord,
  NetHostView,
  NetScanDetail,
  NetScanGroupList,
  NetScanList,
  NetScanListQuery,
  NetScanSummary,
  StartNetScanRequest,
  UpdateNetFindingRequest,
} from '../../protocol/netscan-api.ts';
import type { Deps } from '../deps.ts';
import type { NetscanRunner } from './create-netscan-runner.ts';
import { getNetHost } from './get-net-host.ts';
import { getScanDetail } from './get-scan-detail.ts';
import { listExposure } from './list-exposure.ts';
import { listGroups } from './list-groups.ts';
import { getNetFinding, listNetFindings } from './list-net-findings.ts';
import { listScans } from './list-scans.ts';
import { updateNetFinding } from './update-net-finding.ts';

const tags = ['network'];

const start = defineRoute({
  method: 'post',
  path: '/api/network/scans',
  action: 'netscans.scans.start',
  access: 'network:write',
  summary: 'Queue a scan of a configured group, or of ad-hoc targets inside netscan.scope',
  tags,
  request: { body: jsonBody(StartNetScanRequest) },
  responses: { 202: jsonResponse(NetScanSummary, 'Queued') },
});

const list = defineRoute({
  method: 'get',
  path: '/api/network/scans',
  action: 'netscans.scans.list',
  access: 'network:read',
  summary: 'Scans, newest first, paged',
  tags,
  request: { query: NetScanListQuery },
  responses: { 200: jsonResponse(NetScanList, 'Scans') },
});

const get = defineRoute({
  method: 'get',
  path: '/api/network/scans/{id}',
  action: 'netscans.scans.get',
  access: 'network:read',
  summary: 'One scan: its report, what changed since the group’s previous scan, findings opened and resolved',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: jsonResponse(NetScanDetail, 'Scan') },
});

const exposure = defineRoute({
  method: 'get',
  path: '/api/network/exposure',
  action: 'netscans.exposure.list',
  access: 'network:read',
  summary: 'The exposure inventory: every endpoint scans found open, first and last seen',
  tags,
  request: { query: NetExposureQuery },
  responses: { 200: jsonResponse(NetExposureList, 'Endpoints') },
});

const findings = defineRoute({
  method: 'get',
  path: '/api/network/findings',
  action: 'netscans.findings.list',
  access: 'network:read',
  summary: 'Network findings, worst first, filtered, paged',
  tags,
  request: { query: NetFindingQuery },
  responses: { 200: jsonResponse(NetFindingList, 'Findings') },
});

const finding = defineRoute({
  method: 'get',
  path: '/api/network/findings/{id}',
  action: 'netscans.findings.get',
  access: 'network:read',
  summary: 'One network finding',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: jsonResponse(NetFindingRecord, 'Finding') },
});

const updateFinding = defineRoute({
  method: 'patch',
  path: '/api/network/findings/{id}',
  action: 'netscans.findings.update',
  access: 'network:write',
  summary: 'Acknowledge or resolve a network finding, or open it again',
  tags,
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    body: jsonBody(UpdateNetFindingRequest),
  },
  responses: { 200: jsonResponse(NetFindingRecord, 'Updated') },
});

const hostView = defineRoute({
  method: 'get',
  path: '/api/network/hosts/{address}',
  action: 'netscans.hosts.get',
  access: 'network:read',
  summary: 'One address: its services, findings and scan history',
  tags,
  request: { params: z.object({ address: z.string().min(2).max(64) }) },
  responses: { 200: jsonResponse(NetHostView, 'Host') },
});

const groups = defineRoute({
  method: 'get',
  path: '/api/network/groups',
  action: 'netscans.groups.list',
  access: 'network:read',
  summary: 'The configured scan groups and the scope; an empty scope means server scans are disabled',
  tags,
  responses: { 200: jsonResponse(NetScanGroupList, 'Groups') },
});

export function registerNetscanRoutes(app: ApiApp, deps: Deps, runner: NetscanRunner): void {
  const { db } = deps.database;

  app.openapi(start, async (c) => {
    const body = c.req.valid('json');
    c.set('auditTarget', body.group !== undefined ? `group ${body.group}` : (body.targets ?? []).join(', '));
    const principal = c.get('principal');
    if (!principal) throw new AppError('unauthenticated');
    const scan = await runner.start(body, { requestedBy: principal.username, trigger: 'manual' });
    c.set(
      'auditDetail',
      `scan ${scan.id}: ${scan.targets.join(', ')} ports ${scan.ports}; ${scan.checks.join(', ')}`,
    );
    return c.json(scan, 202);
  });

  app.openapi(list, async (c) => {
    const { scans, total } = await listScans(db, c.req.valid('query'));
    return c.json({ scans: scans.map((scan) => runner.withProgress(scan)), total }, 200);
  });

  app.openapi(get, async (c) =>
    c.json(runner.withProgress(await getScanDetail(db, c.req.valid('param').id)), 200),
  );

  app.openapi(exposure, async (c) => c.json(await listExposure(db, c.req.valid('query')), 200));

  app.openapi(findings, async (c) => c.json(await listNetFindings(db, c.req.valid('query')), 200));

  app.openapi(finding, async (c) => c.json(await getNetFinding(db, c.req.valid('param').id), 200));

  app.openapi(updateFinding, async (c) => {
    const { id } = c.req.valid('param');
    const { status } = c.req.valid('json');
    c.set('auditTarget', `network finding ${id}`);
    const { previous, finding } = await updateNetFinding(db, id, status, deps.clock.now());
    const endpoint = finding.port === null ? finding.address : `${finding.address}:${finding.port}`;
    c.set('auditDetail', `${finding.check} on ${endpoint}: ${previous} -> ${status}`);
    return c.json(finding, 200);
  });

  app.openapi(hostView, async (c) => c.json(await getNetHost(db, c.req.valid('param').address), 200));

  app.openapi(groups, async (c) => {
    const list = await listGroups(db, deps.config.netscan, deps.clock.now());
    const withProgress = list.groups.map((group) =>
      group.lastScan ? { ...group, lastScan: runner.withProgress(group.lastScan) } : group,
    );
    return c.json({ ...list, groups: withProgress }, 200);
  });
}
