import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/http/define-route.ts';
import {
  Block,
  BlockList,
  BlockQuery,
  CreateBlockRequest,
  LiftBlockRequest,
  ResponsePolicies,
} from '../../protocol/blocks.ts';
import type { Deps } from '../deps.ts';
import { blockByHand } from './block-by-hand.ts';
import { describeBlock } from './describe-block.ts';
import { effectiveAllowlist } from './effective-allowlist.ts';
import { liftBlock } from './lift-block.ts';
import { listBlocks } from './list-blocks.ts';

const tags = ['response'];

const list = defineRoute({
  method: 'get',
  path: '/api/blocks',
  action: 'response.blocks.list',
  access: 'response:read',
  summary: 'Blocked addresses, newest first',
  tags,
  request: { query: BlockQuery },
  responses: { 200: jsonResponse(BlockList, 'Blocks') },
});

const create = defineRoute({
  method: 'post',
  path: '/api/blocks',
  action: 'response.blocks.create',
  access: 'response:write',
  summary: 'Block an address on hosts by hand',
  tags,
  request: { body: jsonBody(CreateBlockRequest) },
  responses: { 201: jsonResponse(Block, 'Blocked; the hosts are told at once') },
});

const lift = defineRoute({
  method: 'delete',
  path: '/api/blocks/{id}',
  action: 'response.blocks.lift',
  access: 'response:write',
  summary: 'Lift a block before its end',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }), body: jsonBody(LiftBlockRequest) },
  responses: { 200: jsonResponse(Block, 'Lifted; the hosts are told at once') },
});

const policies = defineRoute({
  method: 'get',
  path: '/api/response/policies',
  action: 'response.policies',
  access: 'response:read',
  summary: 'The response policies in force and everything never blocked (from the configuration)',
  tags,
  responses: { 200: jsonResponse(ResponsePolicies, 'Policies') },
});

export function registerResponseRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;
  const username = (principal: { username: string } | undefined) => {
    if (!principal) throw new AppError('unauthenticated');
    return principal.username;
  };

  app.openapi(list, async (c) => c.json(await listBlocks(db, c.req.valid('query'), deps.clock.now()), 200));

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    c.set('auditTarget', body.address);
    const { block, agents } = await blockByHand(deps, body, username(c.get('principal')), deps.clock.now());
    c.set('auditTarget', `${block.address} (block ${block.id})`);
    c.set('auditDetail', describeBlock(block, agents));
    return c.json(block, 201);
  });

  app.openapi(lift, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    c.set('auditTarget', `block ${id}`);
    c.set('auditDetail', `reason: ${reason}`);
    const block = await liftBlock(deps, id, username(c.get('principal')), reason, deps.clock.now());
    c.set('auditTarget', `${block.address} (block ${id})`);
    return c.json(block, 200);
  });

  app.openapi(policies, async (c) => {
    const { dryRun, durations, policies: configured } = deps.config.response;
    const allowlist = await effectiveAllowlist(db, deps.config);
    return c.json({ dryRun, durations, policies: configured, allowlist }, 200);
  });
}
