import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse, noContent } from '../../platform/http/define-route.ts';
import {
  Alert,
  AlertDetail,
  AlertNote,
  AlertPage,
  AlertQuery,
  AlertSummary,
  AlertSuppression,
  AlertTimeline,
  CreateAlertNoteRequest,
  CreateAlertSuppressionRequest,
  TimelineQuery,
  UpdateAlertRequest,
} from '../../protocol/alerts.ts';
import type { Deps } from '../deps.ts';
import { addAlertNote } from './add-alert-note.ts';
import { alertTimeline } from './alert-timeline.ts';
import { getAlertDetail } from './get-alert-detail.ts';
import { listAlerts } from './list-alerts.ts';
import { summarizeAlerts } from './summarize-alerts.ts';
import {
  createSuppression,
  deleteSuppression,
  describeSuppression,
  listSuppressions,
} from './suppressions-store.ts';
import { toAlert } from './to-alert.ts';
import { describeChange, updateAlert } from './update-alert.ts';

const tags = ['alerts'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

const list = defineRoute({
  method: 'get',
  path: '/api/alerts',
  action: 'alerts.list',
  access: 'alerts:read',
  summary: 'Alerts, most recent activity first, filtered and paged',
  tags,
  request: { query: AlertQuery },
  responses: { 200: jsonResponse(AlertPage, 'A page of alerts') },
});

const summary = defineRoute({
  method: 'get',
  path: '/api/alerts/summary',
  action: 'alerts.summary',
  access: 'alerts:read',
  summary: 'Open alerts by status and severity',
  tags,
  responses: { 200: jsonResponse(AlertSummary, 'Counts') },
});

const timeline = defineRoute({
  method: 'get',
  path: '/api/alerts/timeline',
  action: 'alerts.timeline',
  access: 'alerts:read',
  summary: 'New alerts per time bucket by severity, for a chart',
  tags,
  request: { query: TimelineQuery },
  responses: { 200: jsonResponse(AlertTimeline, 'Counts per bucket') },
});

const listSuppressionsRoute = defineRoute({
  method: 'get',
  path: '/api/alerts/suppressions',
  action: 'alerts.suppressions.list',
  access: 'alerts:read',
  summary: 'Suppressions, newest first, expired ones included',
  tags,
  responses: {
    200: jsonResponse(z.object({ suppressions: z.array(AlertSuppression) }), 'Suppressions'),
  },
});

const createSuppressionRoute = defineRoute({
  method: 'post',
  path: '/api/alerts/suppressions',
  action: 'alerts.suppressions.create',
  access: 'alerts:write',
  summary: 'Drop findings for a rule and/or entities until the suppression expires',
  tags,
  request: { body: jsonBody(CreateAlertSuppressionRequest) },
  responses: { 201: jsonResponse(AlertSuppression, 'Created') },
});

const deleteSuppressionRoute = defineRoute({
  method: 'delete',
  path: '/api/alerts/suppressions/{id}',
  action: 'alerts.suppressions.delete',
  access: 'alerts:write',
  summary: 'Delete a suppression; matching findings raise alerts again',
  tags,
  request: { params: IdParam },
  responses: noContent,
});

const get = defineRoute({
  method: 'get',
  path: '/api/alerts/{id}',
  action: 'alerts.get',
  access: 'alerts:read',
  summary: 'One alert with its evidence and notes',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonResponse(AlertDetail, 'The alert') },
});

const update = defineRoute({
  method: 'patch',
  path: '/api/alerts/{id}',
  action: 'alerts.update',
  access: 'alerts:write',
  summary: 'Change an alert’s status or assignee',
  tags,
  request: { params: IdParam, body: jsonBody(UpdateAlertRequest) },
  responses: { 200: jsonResponse(Alert, 'Updated') },
});

const addNote = defineRoute({
  method: 'post',
  path: '/api/alerts/{id}/notes',
  action: 'alerts.note',
  access: 'alerts:write',
  summary: 'Add a note to an alert',
  tags,
  request: { params: IdParam, body: jsonBody(CreateAlertNoteRequest) },
  responses: { 201: jsonResponse(AlertNote, 'Added') },
});

export function registerAlertRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;
  const actor = (principal: { username: string } | undefined) => {
    if (!principal) throw new AppError('unauthenticated');
    return principal.username;
  };

  app.openapi(list, async (c) => c.json(await listAlerts(db, c.req.valid('query')), 200));

  app.openapi(summary, async (c) => c.json(await summarizeAlerts(db), 200));

  app.openapi(timeline, async (c) =>
    c.json(await alertTimeline(db, c.req.valid('query'), deps.clock.now()), 200),
  );

  app.openapi(listSuppressionsRoute, async (c) =>
    c.json({ suppressions: await listSuppressions(db, deps.clock.now()) }, 200),
  );

  app.openapi(createSuppressionRoute, async (c) => {
    const body = c.req.valid('json');
    const created = await createSuppression(
      db,
      deps.random,
      body,
      actor(c.get('principal')),
      deps.clock.now(),
    );
    c.set('auditTarget', created.id);
    c.set(
      'auditDetail',
      `${describeSuppression(created)} until=${created.expiresAt ?? 'never'} reason=${created.reason}`,
    );
    return c.json(created, 201);
  });

  app.openapi(deleteSuppressionRoute, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const removed = await deleteSuppression(db, id, deps.clock.now());
    c.set('auditDetail', describeSuppression(removed));
    return c.body(null, 204);
  });

  // After /summary, /timeline and /suppressions, which `{id}` would otherwise capture.
  app.openapi(get, async (c) => c.json(await getAlertDetail(db, c.req.valid('param').id), 200));

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const change = await updateAlert(db, id, c.req.valid('json'), deps.clock.now());
    c.set('auditTarget', `${change.after.rule_title} (${id})`);
    c.set('auditDetail', describeChange(change));
    return c.json(toAlert(change.after), 200);
  });

  app.openapi(addNote, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const { text } = c.req.valid('json');
    const author = actor(c.get('principal'));
    const added = await addAlertNote(db, deps.random, id, author, text, deps.clock.now());
    c.set('auditTarget', `${added.alertTitle} (${id})`);
    c.set('auditDetail', text.slice(0, 200));
    return c.json(added.note, 201);
  });
}
