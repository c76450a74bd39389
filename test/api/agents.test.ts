import assert from 'node:assert/strict';
import { generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import { after, before, test } from 'node:test';
import { AgentHttpError, createAgentClient } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import { decodeEnrollmentToken } from '../../src/modules/agents/enrollment-tokens.ts';
import { rawPublicKey, signParts } from '../../src/modules/agents/signing.ts';
import type {
  Agent,
  AgentEvent,
  CreatedEnrollmentToken,
  EventBatchResult,
} from '../../src/protocol/agents.ts';
import type { Problem } from '../../src/protocol/problem.ts';
import type { HostInventory } from '../../src/protocol/inventory.ts';
import { collectInventory } from '../../src/modules/inventory/collect-inventory.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { describeEachDialect } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

function logEvent(n: number): AgentEvent {
  return {
    id: `evt-${String(n).padStart(6, '0')}`,
    time: new Date().toISOString(),
    kind: 'log',
    source: '/var/log/test.log',
    data: { line: `line ${n}` },
  };
}

async function refusal(promise: Promise<unknown>): Promise<AgentHttpError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AgentHttpError, String(error));
    return error;
  }
  assert.fail('expected the server to refuse');
}

describeEachDialect('agent enrollment and signed channel', (_dialect, fresh) => {
  let server: RunningServer;
  let admin: ApiClient;
  let privateKey: KeyObject;
  let agentId: string;

  before(async () => {
    server = await startTestServer(await fresh());
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group: 'web-servers',
      maxUses: 1,
    });
    assert.equal(created.status, 201);
    assert.equal(decodeEnrollmentToken(created.body.token).url, server.url);
    privateKey = generateKeyPairSync('ed25519').privateKey;
    const state = await enroll({ token: created.body.token, privateKey, version: 'test' });
    assert.equal(state.group, 'web-servers');
    agentId = state.agentId;
    const again = await refusal(
      enroll({
        token: created.body.token,
        privateKey: generateKeyPairSync('ed25519').privateKey,
        version: 'test',
      }),
    );
    assert.equal(again.status, 401, 'a single-use token enrolls one host');
  });
  after(() => server.close());

  const client = () => createAgentClient({ serverUrl: server.url, agentId, privateKey });

  test('an enrolled agent sends a heartbeat and shows up online with its group', async () => {
    await client().post('/api/agent/v1/heartbeat', {
      version: '0.1.0',
      hostname: 'web-1',
      spool: { pendingEvents: 3, dropped: 0 },
    });
    const listed = await admin.request<{ agents: Agent[] }>('GET', '/api/agents?group=web-servers');
    const agent = listed.body.agents.find((a) => a.id === agentId);
    assert.deepEqual(
      [agent?.status, agent?.hostname, agent?.group, agent?.spoolPending],
      ['online', 'web-1', 'web-servers', 3],
    );
  });

  test('events are stored once however often they are sent', async () => {
    const batch = { events: Array.from({ length: 250 }, (_, i) => logEvent(i)) };
    assert.deepEqual(await client().post<EventBatchResult>('/api/agent/v1/events', batch), {
      stored: 250,
      duplicates: 0,
    });
    assert.deepEqual(await client().post<EventBatchResult>('/api/agent/v1/events', batch), {
      stored: 0,
      duplicates: 250,
    });
    const rows = await server.deps.database.db
      .selectFrom('events')
      .select('event_id')
      .where('agent_id', '=', agentId)
      .execute();
    assert.equal(rows.length, 250);
  });

  test('events page through one large batch without skipping or repeating', async () => {
    const seen = new Set<string>();
    let cursor = '';
    for (let page = 0; page < 10; page += 1) {
      const response = await admin.request<{ events: { id: string; receivedAt: string }[] }>(
        'GET',
        `/api/agents/${agentId}/events?kind=log&limit=100${cursor}`,
      );
      for (const event of response.body.events) {
        assert.ok(!seen.has(event.id), `${event.id} repeated`);
        seen.add(event.id);
      }
      const last = response.body.events.at(-1);
      if (!last) break;
      cursor = `&before=${encodeURIComponent(last.receivedAt)}&beforeId=${encodeURIComponent(last.id)}`;
    }
    assert.equal(seen.size, 250);
  });

  test('the newest inventory snapshot is kept and served; an older one never replaces it', async () => {
    const { processes: _processes, ...real } = await collectInventory();
    const older = { ...real, collectedAt: new Date(Date.parse(real.collectedAt) - 60_000).toISOString() };
    const event = (snapshot: typeof real, id: string): AgentEvent => ({
      id,
      time: snapshot.collectedAt,
      kind: 'inventory',
      source: 'inventory',
      data: snapshot,
    });
    await client().post('/api/agent/v1/events', {
      events: [event(real, 'inv-newer-000'), event(older, 'inv-older-000')],
    });
    const served = await admin.request<HostInventory>('GET', `/api/agents/${agentId}/inventory`);
    assert.equal(served.status, 200);
    assert.equal(served.body.collectedAt, new Date(real.collectedAt).toISOString());
    assert.ok(
      served.body.inventory.listeners.some((l) => l.port === 5432 && l.protocol === 'tcp'),
      'PostgreSQL listens',
    );
    assert.ok(served.body.inventory.users.some((u) => u.name === 'root' && u.uid === 0));
    assert.ok(served.body.inventory.packages.some((p) => p.name === 'libc6' && p.source === 'glibc'));
    const events = await admin.request<{ events: { kind: string }[] }>(
      'GET',
      `/api/agents/${agentId}/events?kind=inventory`,
    );
    assert.equal(events.body.events.length, 2);
    assert.equal(
      (await admin.request('GET', '/api/agents/00000000-0000-4000-8000-000000000000/inventory')).status,
      404,
    );
  });

  test('forged, replayed, stale and malformed requests are refused and store nothing', async () => {
    const countEvents = async () =>
      (
        await server.deps.database.db
          .selectFrom('events')
          .select('event_id')
          .where('agent_id', '=', agentId)
          .execute()
      ).length;
    const before = await countEvents();
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const forged = await refusal(
      createAgentClient({ serverUrl: server.url, agentId, privateKey: stranger }).post(
        '/api/agent/v1/events',
        { events: [logEvent(900)] },
      ),
    );
    assert.deepEqual([forged.status, forged.code], [401, 'unauthenticated']);
    assert.match(forged.message, /signature does not verify/);

    const unknown = await refusal(
      createAgentClient({
        serverUrl: server.url,
        agentId: '00000000-0000-4000-8000-000000000000',
        privateKey,
      }).post('/api/agent/v1/events', { events: [logEvent(901)] }),
    );
    assert.match(unknown.message, /unknown or revoked agent/);

    const stale = await refusal(
      createAgentClient({
        serverUrl: server.url,
        agentId,
        privateKey,
        now: () => Date.now() - 3_600_000,
      }).post('/api/agent/v1/events', { events: [logEvent(902)] }),
    );
    assert.match(stale.message, /clock skew/);

    // Capture one signed request and send it twice, byte for byte.
    const body = Buffer.from(JSON.stringify({ events: [logEvent(903)] }));
    const headers = signedHeaders(privateKey, agentId, '/api/agent/v1/events', body);
    const first = await fetch(`${server.url}/api/agent/v1/events`, { method: 'POST', headers, body });
    assert.equal(first.status, 200);
    const replay = await fetch(`${server.url}/api/agent/v1/events`, { method: 'POST', headers, body });
    assert.equal(replay.status, 401);
    assert.match(((await replay.json()) as Problem).detail ?? '', /replayed/);

    const signedRaw = async (raw: Buffer) =>
      fetch(`${server.url}/api/agent/v1/events`, {
        method: 'POST',
        headers: signedHeaders(privateKey, agentId, '/api/agent/v1/events', raw),
        body: raw,
      });
    const badJson = await signedRaw(Buffer.from('{"events": [{"id": '));
    assert.deepEqual([badJson.status, ((await badJson.json()) as Problem).code], [400, 'malformed_json']);
    const badEvent = await signedRaw(
      Buffer.from(JSON.stringify({ events: [{ ...logEvent(904), kind: 'nonsense' }] })),
    );
    assert.deepEqual(
      [badEvent.status, ((await badEvent.json()) as Problem).code],
      [400, 'validation_failed'],
    );
    const tooMany = await signedRaw(
      Buffer.from(JSON.stringify({ events: Array.from({ length: 5001 }, (_, i) => logEvent(10_000 + i)) })),
    );
    assert.ok([400, 413].includes(tooMany.status), `status ${tooMany.status}`);
    const huge = await signedRaw(
      Buffer.from(JSON.stringify({ events: [{ ...logEvent(905), data: { line: 'x'.repeat(2_000_000) } }] })),
    );
    assert.equal(huge.status, 413);
    assert.equal(await countEvents(), before + 1, 'only the one good request stored anything');
  });

  test('admins manage tokens and agents; auditors cannot; a revoked agent is refused at once', async () => {
    await admin.request('POST', '/api/users', {
      username: 'auditor1',
      role: 'auditor',
      password: 'auditor-passphrase-42',
    });
    const auditor = new ApiClient(server.url);
    await auditor.login('auditor1', 'auditor-passphrase-42');
    assert.equal((await auditor.request('POST', '/api/agents/enrollment-tokens', {})).status, 403);
    assert.equal((await auditor.request('GET', '/api/agents')).status, 200);
    const revoked = await admin.request<Agent>('POST', `/api/agents/${agentId}/revoke`);
    assert.equal(revoked.body.status, 'revoked');
    const refused = await refusal(
      client().post('/api/agent/v1/heartbeat', {
        version: '0.1.0',
        hostname: 'web-1',
        spool: { pendingEvents: 0, dropped: 0 },
      }),
    );
    assert.equal(refused.refused, true);
    const audit = await admin.request<{ entries: { action: string; outcome: string }[] }>(
      'GET',
      '/api/audit?limit=100',
    );
    const actions = audit.body.entries.map((e) => `${e.action}:${e.outcome}`);
    assert.ok(actions.includes('agents.enroll:success'), actions.join(' '));
    assert.ok(actions.includes('agents.revoke:success'));
    assert.ok(actions.includes('agent-channel.heartbeat:denied'));
    assert.ok(
      !actions.includes('agent-channel.events:success'),
      'routine batches do not flood the audit log',
    );
  });

  test('an expired or revoked enrollment token enrolls nobody', async () => {
    const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group: 'lab',
    });
    assert.equal(
      (await admin.request('DELETE', `/api/agents/enrollment-tokens/${created.body.id}`)).status,
      204,
    );
    const key = generateKeyPairSync('ed25519').privateKey;
    assert.equal(
      (await refusal(enroll({ token: created.body.token, privateKey: key, version: 't' }))).status,
      401,
    );
    const damaged = await refusal(
      enroll({ token: created.body.token.slice(0, -4), privateKey: key, version: 't' }).catch(
        (error: unknown) => {
          throw new AgentHttpError(400, 'bad_request', String(error));
        },
      ),
    );
    assert.equal(damaged.status, 400);
    assert.equal(rawPublicKey(createPublicKey(key)).length, 43);
  });
});

function signedHeaders(
  key: KeyObject,
  agentId: string,
  target: string,
  body: Buffer,
): Record<string, string> {
  const timestamp = String(Date.now());
  const nonce = `nonce-${Math.random().toString(36).slice(2)}-abcdef`;
  return {
    'content-type': 'application/json',
    'x-vigil-agent': agentId,
    'x-vigil-timestamp': timestamp,
    'x-vigil-nonce': nonce,
    'x-vigil-signature': signParts(key, { method: 'POST', target, timestamp, nonce, body }),
  };
}
