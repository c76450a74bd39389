import type { AgentIdentity } from '../../platform/http/app-env.ts';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse, noContent } from '../../platform/http/define-route.ts';
import {
  Agent,
  CreatedEnrollmentToken,
  CreateEnrollmentTokenRequest,
  EnrollmentToken,
  EnrollRequest,
  EnrollResponse,
  EventBatch,
  EventBatchResult,
  EventQuery,
  StoredEvent,
  GroupName,
  Heartbeat,
} from '../../protocol/agents.ts';
import { HostInventory } from '../../protocol/inventory.ts';
import type { Deps } from '../deps.ts';
import {
  findAgent,
  insertAgent,
  listAgentRows,
  recordHeartbeat,
  revokeAgent,
  toAgent,
} from './agents-store.ts';
import { listAgentEvents } from './list-events.ts';
import { getHostInventory } from './store-inventory.ts';
import {
  consumeEnrollmentSecret,
  createEnrollmentToken,
  listEnrollmentTokens,
  revokeEnrollmentToken,
} from './enrollment-tokens.ts';
import { publicKeyFromRaw } from './signing.ts';
import { storeEvents } from './store-events.ts';

const tags = ['agents'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

const listAgents = defineRoute({
  method: 'get',
  path: '/api/agents',
  action: 'agents.list',
  access: 'agents:read',
  summary: 'Enrolled agents with their status',
  tags,
  request: { query: z.object({ group: GroupName.optional() }) },
  responses: { 200: jsonResponse(z.object({ agents: z.array(Agent) }), 'Agents') },
});

const getAgent = defineRoute({
  method: 'get',
  path: '/api/agents/{id}',
  action: 'agents.get',
  access: 'agents:read',
  summary: 'One agent',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Agent, 'The agent') },
});

const inventory = defineRoute({
  method: 'get',
  path: '/api/agents/{id}/inventory',
  action: 'agents.inventory',
  access: 'agents:read',
  summary: 'The latest inventory the agent sent',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonResponse(HostInventory, 'Inventory') },
});

const agentEvents = defineRoute({
  method: 'get',
  path: '/api/agents/{id}/events',
  action: 'agents.events',
  access: 'agents:read',
  summary: 'The agent’s recent events, newest first',
  tags,
  request: { params: IdParam, query: EventQuery },
  responses: { 200: jsonResponse(z.object({ events: z.array(StoredEvent) }), 'Events') },
});

const revoke = defineRoute({
  method: 'post',
  path: '/api/agents/{id}/revoke',
  action: 'agents.revoke',
  access: 'agents:write',
  summary: 'Revoke an agent; its next request is refused',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Agent, 'Revoked') },
});

const listTokens = defineRoute({
  method: 'get',
  path: '/api/agents/enrollment-tokens',
  action: 'agents.tokens.list',
  access: 'agents:read',
  summary: 'Enrollment tokens',
  tags,
  responses: { 200: jsonResponse(z.object({ tokens: z.array(EnrollmentToken) }), 'Tokens') },
});

const createTokenRoute = defineRoute({
  method: 'post',
  path: '/api/agents/enrollment-tokens',
  action: 'agents.tokens.create',
  access: 'agents:write',
  summary: 'Create an enrollment token bound to a host group; the token is returned once',
  tags,
  request: { body: jsonBody(CreateEnrollmentTokenRequest) },
  responses: { 201: jsonResponse(CreatedEnrollmentToken, 'Created') },
});

const revokeToken = defineRoute({
  method: 'delete',
  path: '/api/agents/enrollment-tokens/{id}',
  action: 'agents.tokens.revoke',
  access: 'agents:write',
  summary: 'Revoke an enrollment token',
  tags,
  request: { params: IdParam },
  responses: noContent,
});

const caCertificate = defineRoute({
  method: 'get',
  path: '/api/agents/ca.pem',
  action: 'agents.ca',
  access: 'public',
  summary:
    'The server’s own CA certificate (PEM); agents trust it only when its SHA-256 matches the fingerprint in their token',
  tags,
  responses: {
    200: { description: 'CA certificate', content: { 'application/x-pem-file': { schema: z.string() } } },
  },
});

const enroll = defineRoute({
  method: 'post',
  path: '/api/agents/enroll',
  action: 'agents.enroll',
  access: 'public',
  summary: 'Enroll a host: trade an enrollment token for an agent id bound to the agent’s public key',
  tags,
  request: { body: jsonBody(EnrollRequest) },
  responses: { 201: jsonResponse(EnrollResponse, 'Enrolled') },
});

const heartbeat = defineRoute({
  method: 'post',
  path: '/api/agent/v1/heartbeat',
  action: 'agent-channel.heartbeat',
  access: 'agent',
  summary: 'Agent heartbeat (signed)',
  tags: ['agent channel'],
  request: { body: jsonBody(Heartbeat) },
  responses: noContent,
});

const events = defineRoute({
  method: 'post',
  path: '/api/agent/v1/events',
  action: 'agent-channel.events',
  access: 'agent',
  summary: 'A batch of events (signed); answered only after it is committed',
  tags: ['agent channel'],
  request: { body: jsonBody(EventBatch) },
  responses: { 200: jsonResponse(EventBatchResult, 'Stored') },
});

export function registerAgentRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;
  const offlineAfterMs = deps.config.agents.offlineAfterSeconds * 1000;
  const requireAgent = (agent: AgentIdentity | undefined) => {
    if (!agent) throw new AppError('unauthenticated');
    return agent;
  };

  app.openapi(listAgents, async (c) => {
    const now = deps.clock.now();
    const rows = await listAgentRows(db, c.req.valid('query').group);
    return c.json({ agents: rows.map((row) => toAgent(row, now, offlineAfterMs)) }, 200);
  });

  app.openapi(revoke, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const row = await revokeAgent(db, id, deps.clock.now());
    c.set('auditTarget', `${row.hostname} (${row.id})`);
    return c.json(toAgent(row, deps.clock.now(), offlineAfterMs), 200);
  });

  app.openapi(listTokens, async (c) => c.json({ tokens: await listEnrollmentTokens(db) }, 200));

  app.openapi(caCertificate, (c) => {
    if (!deps.serverCa) throw new AppError('not_found', 'this server does not use its own CA');
    return c.body(deps.serverCa.certPem, 200, { 'content-type': 'application/x-pem-file' });
  });

  // After the static enrollment-tokens and ca.pem paths, which `{id}` would otherwise capture.
  app.openapi(getAgent, async (c) => {
    const row = await findAgent(db, c.req.valid('param').id);
    if (!row) throw new AppError('not_found', 'no such agent');
    return c.json(toAgent(row, deps.clock.now(), offlineAfterMs), 200);
  });

  app.openapi(inventory, async (c) => c.json(await getHostInventory(db, c.req.valid('param').id), 200));

  app.openapi(agentEvents, async (c) => {
    const events = await listAgentEvents(db, c.req.valid('param').id, c.req.valid('query'));
    return c.json({ events }, 200);
  });

  app.openapi(createTokenRoute, async (c) => {
    const body = c.req.valid('json');
    const now = deps.clock.now();
    c.set('auditDetail', `group=${body.group} maxUses=${body.maxUses ?? 'unlimited'}`);
    const created = await createEnrollmentToken(db, deps.random, {
      group: body.group,
      maxUses: body.maxUses,
      expiresAt: new Date(now.getTime() + body.expiresInSeconds * 1000),
      createdBy: c.get('principal')?.username ?? null,
      now,
      serverUrl: deps.config.server.publicUrl ?? new URL(c.req.url).origin,
      caFingerprint: deps.serverCa?.fingerprint ?? null,
    });
    c.set('auditTarget', created.id);
    return c.json(created, 201);
  });

  app.openapi(revokeToken, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    await revokeEnrollmentToken(db, id, deps.clock.now());
    return c.body(null, 204);
  });

  app.openapi(enroll, async (c) => {
    const body = c.req.valid('json');
    c.set('auditActor', `agent@${body.hostname.slice(0, 50)}`);
    try {
      publicKeyFromRaw(body.publicKey);
    } catch {
      throw new AppError('validation_failed', 'publicKey is not an Ed25519 public key');
    }
    const now = deps.clock.now();
    const token = await consumeEnrollmentSecret(db, body.secret, now);
    const agentId = deps.random.uuid();
    await insertAgent(db, {
      id: agentId,
      public_key: body.publicKey,
      hostname: body.hostname,
      os: body.os,
      version: body.version,
      group_name: token.group_name,
      enrollment_token_id: token.id,
      enrolled_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      address: c.get('sourceIp'),
      spool_pending: 0,
      spool_dropped: 0,
      revoked_at: null,
    });
    c.set('auditTarget', `${body.hostname} (${agentId})`);
    c.set('auditDetail', `group=${token.group_name} token=${token.id}`);
    const taskPublicKey = deps.taskSigningKey?.publicKey;
    return c.json({ agentId, group: token.group_name, ...(taskPublicKey ? { taskPublicKey } : {}) }, 201);
  });

  app.openapi(heartbeat, async (c) => {
    const agent = requireAgent(c.get('agent'));
    await recordHeartbeat(db, agent.id, c.req.valid('json'), c.get('sourceIp'), deps.clock.now());
    return c.body(null, 204);
  });

  app.openapi(events, async (c) => {
    const agent = requireAgent(c.get('agent'));
    const { inserted, ...result } = await storeEvents(
      db,
      agent.id,
      c.req.valid('json').events,
      deps.clock.now(),
    );
    if (inserted.length > 0) deps.eventSink?.({ agentId: agent.id, hostname: agent.hostname }, inserted);
    return c.json(result, 200);
  });
}
