import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAgentClient, PinnedCaError, type PinnedCa } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import { readState, writeState } from '../../src/agent/identity.ts';
import { decodeEnrollmentToken } from '../../src/modules/agents/enrollment-tokens.ts';
import { loadOrCreateServerPki } from '../../src/modules/pki/server-pki.ts';
import { enrollmentTokenPrefix, type Agent, type CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { adminPassword, startTestServer } from '../helpers/test-server.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An admin's HTTPS client that trusts the test server's CA (fetch cannot be given one). */
class AdminClient {
  private cookie = '';
  private csrf = '';
  constructor(
    private readonly base: string,
    private readonly ca: string,
  ) {}

  call(method: string, path: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.base), { method, headers, ca: this.ca }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  async login(): Promise<void> {
    const answer = await this.call('POST', '/api/auth/login', { username: 'admin', password: adminPassword });
    assert.equal(answer.status, 200, answer.body);
    this.csrf = (JSON.parse(answer.body) as { csrfToken: string }).csrfToken;
    this.cookie = String(answer.headers['set-cookie']).split(';')[0] ?? '';
  }

  async token(maxUses = 1): Promise<string> {
    const answer = await this.call('POST', '/api/agents/enrollment-tokens', { group: 'tls', maxUses });
    assert.equal(answer.status, 201, answer.body);
    return (JSON.parse(answer.body) as CreatedEnrollmentToken).token;
  }
}

/**
 * A man in the middle: a real HTTPS server with a certificate for the same
 * address from another CA. It records every request that reaches it and can
 * serve the genuine CA certificate, which is public, to look convincing.
 */
async function startMitm(
  pkiDir: string,
  caPemToServe: string,
): Promise<{ url: string; seen: string[]; caFingerprint: string; close(): Promise<void> }> {
  const pki = loadOrCreateServerPki({ dir: pkiDir, hostnames: ['127.0.0.1', 'localhost'], now: new Date() });
  const seen: string[] = [];
  const server: Server = createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      if (req.url === '/api/agents/ca.pem') {
        res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(caPemToServe);
      } else {
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"agentId":"evil","group":"tls"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    seen,
    caFingerprint: pki.caFingerprint,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function pinningFailure(promise: Promise<unknown>): Promise<PinnedCaError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PinnedCaError, `expected a pinning error, got ${String(error)}`);
    assert.match(error.message, /certificate does not chain to the pinned Vigil CA/);
    return error;
  }
  assert.fail('expected the agent to refuse the server');
}

describe('HTTPS with the server’s own CA, pinned by agents', () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let admin: AdminClient;
  let caPem: string;
  let scratch: string;

  before(async () => {
    const sqlite = testDialects[0];
    assert.ok(sqlite);
    testDb = await sqlite.create();
    scratch = mkdtempSync(join(tmpdir(), 'vigil-mitm-'));
    server = await startTestServer(testDb, { server: { tls: { auto: true, hostnames: ['vigil.test'] } } });
    caPem = readFileSync(join(testDb.dataDir, 'pki', 'ca.crt'), 'utf8');
    admin = new AdminClient(server.url, caPem);
    await admin.login();
  });

  after(async () => {
    await server.close();
    await testDb.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the server serves HTTPS under its own CA and publishes the CA', async () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(server.caFingerprint ?? '', /^[0-9a-f]{64}$/);
    assert.equal(server.deps.serverCa?.fingerprint, server.caFingerprint);
    const published = await admin.call('GET', '/api/agents/ca.pem');
    assert.equal(published.status, 200);
    assert.equal(published.body, caPem);
    assert.equal(
      new X509Certificate(published.body).fingerprint256.replace(/:/g, '').toLowerCase(),
      server.caFingerprint,
    );
  });

  test('an enrollment token carries the https URL and the CA fingerprint; an agent enrolls and heartbeats', async () => {
    const token = await admin.token();
    const payload = decodeEnrollmentToken(token);
    assert.equal(payload.url, server.url);
    assert.equal(payload.ca, server.caFingerprint);

    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const state = await enroll({ token, privateKey, version: 'test' });
    assert.equal(state.serverCa?.fingerprint, server.caFingerprint);
    assert.equal(state.serverCa.pem, caPem);

    // What the agent keeps: server-ca.pem, and the fingerprint in agent.json.
    const agentDir = mkdtempSync(join(scratch, 'agent-'));
    writeState(agentDir, state);
    assert.equal(readFileSync(join(agentDir, 'server-ca.pem'), 'utf8'), caPem);
    const saved = JSON.parse(readFileSync(join(agentDir, 'agent.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(saved.caFingerprint, server.caFingerprint);
    const reloaded = readState(agentDir);
    assert.ok(reloaded);
    assert.deepEqual(reloaded, state);

    await createAgentClient({
      serverUrl: state.serverUrl,
      agentId: state.agentId,
      privateKey,
      serverCa: reloaded.serverCa,
    }).post('/api/agent/v1/heartbeat', {
      version: 'test',
      hostname: 'tls-1',
      spool: { pendingEvents: 0, dropped: 0 },
    });
    const agent = await admin.call('GET', `/api/agents/${state.agentId}`);
    assert.equal((JSON.parse(agent.body) as Agent).hostname, 'tls-1');

    // A swapped server-ca.pem is noticed at the next start, not trusted.
    writeFileSync(join(agentDir, 'server-ca.pem'), readFileSync(join(testDb.dataDir, 'pki', 'server.crt')));
    assert.throws(() => readState(agentDir), /does not match the CA fingerprint/);
  });

  test('a man in the middle with another CA is refused and receives no secret', async () => {
    const token = await admin.token();
    const mitm = await startMitm(join(scratch, 'mitm-pki'), caPem);
    try {
      const privateKey = generateKeyPairSync('ed25519').privateKey;
      await pinningFailure(enroll({ token, serverUrl: mitm.url, privateKey, version: 'test' }));
      // It may answer the public CA request; the enrollment itself never reaches it.
      assert.deepEqual(mitm.seen, ['GET /api/agents/ca.pem ']);
      const secret = decodeEnrollmentToken(token).secret;
      assert.ok(!mitm.seen.some((line) => line.includes(secret)));

      // An enrolled agent whose traffic is redirected sends nothing either.
      const serverCa: PinnedCa = { pem: caPem, fingerprint: server.caFingerprint ?? '' };
      const client = createAgentClient({ serverUrl: mitm.url, agentId: 'a', privateKey, serverCa });
      await pinningFailure(client.post('/api/agent/v1/heartbeat', { version: 'test' }));
      assert.equal(mitm.seen.length, 1);
    } finally {
      await mitm.close();
    }
  });

  test('a man in the middle that serves its own CA fails the fingerprint check', async () => {
    const token = await admin.token();
    const mitmPki = join(scratch, 'mitm-own');
    const own = loadOrCreateServerPki({ dir: mitmPki, hostnames: ['127.0.0.1'], now: new Date() });
    const mitm = await startMitm(mitmPki, own.caCertPem);
    try {
      const error = await pinningFailure(
        enroll({
          token,
          serverUrl: mitm.url,
          privateKey: generateKeyPairSync('ed25519').privateKey,
          version: 't',
        }),
      );
      assert.match(error.message, /not the one the token pins/);
      assert.deepEqual(mitm.seen, ['GET /api/agents/ca.pem ']);
    } finally {
      await mitm.close();
    }
  });

  test('a token whose CA fingerprint was altered is refused before anything is sent', async () => {
    const token = await admin.token();
    const payload = decodeEnrollmentToken(token);
    const altered = { ...payload, ca: `${payload.ca?.slice(0, 63)}${payload.ca?.endsWith('0') ? '1' : '0'}` };
    const forged = `${enrollmentTokenPrefix}${Buffer.from(JSON.stringify(altered)).toString('base64url')}`;
    await pinningFailure(
      enroll({ token: forged, privateKey: generateKeyPairSync('ed25519').privateKey, version: 'test' }),
    );
    const tokens = JSON.parse((await admin.call('GET', '/api/agents/enrollment-tokens')).body) as {
      tokens: { id: string; uses: number }[];
    };
    const id = payload.secret.split('_')[0];
    assert.equal(tokens.tokens.find((t) => t.id === id)?.uses, 0, 'the secret was never presented');
  });

  test('a pinned token never talks plain HTTP', async () => {
    const token = await admin.token();
    const error = await pinningFailure(
      enroll({
        token,
        serverUrl: server.url.replace('https:', 'http:'),
        privateKey: generateKeyPairSync('ed25519').privateKey,
        version: 'test',
      }),
    );
    assert.match(error.message, /must be https/);
  });
});
