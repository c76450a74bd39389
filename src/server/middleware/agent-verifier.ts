import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { markAgentBack } from '../../modules/agents/agent-presence.ts';
import { claimNonce, findAgent, touchAgent } from '../../modules/agents/agents-store.ts';
import { publicKeyFromRaw, verifyParts } from '../../modules/agents/signing.ts';
import type { Deps } from '../../modules/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { AgentIdentity, AppEnv } from '../../platform/http/app-env.ts';
import { agentHeaders } from '../../protocol/agents.ts';

/**
 * Provides the check `authorize` runs on the agent channel: a known,
 * unrevoked agent, a fresh timestamp, a valid Ed25519 signature over method,
 * path, time, nonce and body, and a nonce never seen before. The nonce is
 * claimed only after the signature checks out, so forged requests cannot use
 * up an agent's nonces.
 */
export function agentVerifier(deps: Deps) {
  const { db } = deps.database;
  const skewMs = deps.config.agents.maxClockSkewSeconds * 1000;

  async function verify(c: Context<AppEnv>): Promise<AgentIdentity> {
    const id = c.req.header(agentHeaders.id) ?? '';
    const timestamp = c.req.header(agentHeaders.timestamp) ?? '';
    const nonce = c.req.header(agentHeaders.nonce) ?? '';
    const signature = c.req.header(agentHeaders.signature) ?? '';
    if (!/^[0-9a-f-]{36}$/.test(id) || !/^\d{13}$/.test(timestamp) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
      throw new AppError('unauthenticated', 'unsigned or malformed agent request');
    }
    const now = deps.clock.now();
    if (Math.abs(now.getTime() - Number(timestamp)) > skewMs) {
      throw new AppError(
        'unauthenticated',
        'the request time is outside the allowed clock skew; check the host clock',
      );
    }
    const agent = await findAgent(db, id);
    if (!agent || agent.revoked_at !== null)
      throw new AppError('unauthenticated', 'unknown or revoked agent');
    const url = new URL(c.req.url);
    const body = new Uint8Array(await c.req.arrayBuffer());
    const parts = { method: c.req.method, target: `${url.pathname}${url.search}`, timestamp, nonce, body };
    if (!verifyParts(publicKeyFromRaw(agent.public_key), parts, signature)) {
      throw new AppError('unauthenticated', 'the request signature does not verify');
    }
    if (!(await claimNonce(db, id, nonce, new Date(now.getTime() + 2 * skewMs)))) {
      throw new AppError('unauthenticated', 'replayed request: this nonce was already used');
    }
    await touchAgent(db, id, c.get('sourceIp'), now);
    await markAgentBack(db, id, agent.offline_since, now);
    return { id, group: agent.group_name, hostname: agent.hostname };
  }

  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('verifyAgent', () => verify(c));
    await next();
  });
}
