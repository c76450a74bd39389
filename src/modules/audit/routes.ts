import { z } from 'zod';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonResponse } from '../../platform/http/define-route.ts';
import { AuditPage, AuditQuery, AuditVerification } from '../../protocol/audit.ts';
import type { Deps } from '../deps.ts';
import { exportChunks } from './export-chunks.ts';
import { listAudit } from './store.ts';
import { verifyAndRecord } from './verification-status.ts';

const tags = ['audit'];

const list = defineRoute({
  method: 'get',
  path: '/api/audit',
  action: 'audit.list',
  access: 'audit:read',
  summary: 'Audit log entries, newest first',
  tags,
  request: { query: AuditQuery },
  responses: { 200: jsonResponse(AuditPage, 'A page of entries') },
});

const verify = defineRoute({
  method: 'get',
  path: '/api/audit/verify',
  action: 'audit.verify',
  access: 'audit:read',
  summary: 'Recompute the hash chain and report the first broken link',
  tags,
  responses: { 200: jsonResponse(AuditVerification, 'Verification result') },
});

const exportLog = defineRoute({
  method: 'get',
  path: '/api/audit/export',
  action: 'audit.export',
  access: 'audit:read',
  summary: 'The whole audit log as a JSON array or JSON lines, oldest first',
  tags,
  request: { query: z.object({ format: z.enum(['json', 'jsonl']).default('json') }) },
  responses: {
    200: {
      description: 'Export file',
      content: {
        'application/json': { schema: z.array(z.unknown()) },
        'application/x-ndjson': { schema: z.string() },
      },
    },
  },
});

export function registerAuditRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;

  app.openapi(list, async (c) => c.json(await listAudit(db, c.req.valid('query')), 200));

  app.openapi(verify, async (c) => c.json(await verifyAndRecord(db, deps.clock.now()), 200));

  app.openapi(exportLog, (c) => {
    const { format } = c.req.valid('query');
    const stamp = deps.clock.now().toISOString().slice(0, 10);
    const encoder = new TextEncoder();
    const chunks = exportChunks(db, format);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': format === 'json' ? 'application/json' : 'application/x-ndjson',
        'content-disposition': `attachment; filename="vigil-audit-${stamp}.${format}"`,
      },
    }) as never;
  });
}
