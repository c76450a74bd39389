import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningServer } from '../../src/server/start-server.ts';
import type { AuditEntry, AuditVerification } from '../../src/protocol/audit.ts';
import type { Problem } from '../../src/protocol/problem.ts';
import { describeEachDialect } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, postOversized, startTestServer } from '../helpers/test-server.ts';

const analystPassword = 'analyst-passphrase-42';
const auditorPassword = 'auditor-passphrase-42';

describeEachDialect('HTTP API', (_dialect, fresh) => {
  let server: RunningServer;
  let admin: ApiClient;

  before(async () => {
    server = await startTestServer(await fresh(), {
      auth: { throttle: { accountMaxFailures: 5, ipMaxFailures: 1000 } },
    });
    admin = new ApiClient(server.url);
    assert.equal((await admin.login('admin', adminPassword)).status, 200);
    for (const [username, role, password] of [
      ['analyst1', 'analyst', analystPassword],
      ['auditor1', 'auditor', auditorPassword],
    ]) {
      const created = await admin.request('POST', '/api/users', { username, role, password });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
  });
  after(() => server.close());

  async function lastAudit(filter: (e: AuditEntry) => boolean): Promise<AuditEntry | undefined> {
    const page = await admin.request<{ entries: AuditEntry[] }>('GET', '/api/audit?limit=50');
    return page.body.entries.find(filter);
  }

  async function userCount(): Promise<number> {
    return (await admin.request<{ users: unknown[] }>('GET', '/api/users')).body.users.length;
  }

  test('unauthenticated calls get 401 problem+json and are audited as denied', async () => {
    const anonymous = new ApiClient(server.url);
    const response = await anonymous.request<Problem>('GET', '/api/users', undefined, {
      'user-agent': 'probe/1',
    });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(response.body.code, 'unauthenticated');
    assert.equal(response.body.type, 'urn:vigil:problem:unauthenticated');
    const entry = await lastAudit((e) => e.userAgent === 'probe/1');
    assert.ok(entry, 'the 401 is in the audit log');
    assert.deepEqual(
      [entry.action, entry.outcome, entry.status, entry.actor],
      ['users.list', 'denied', 401, null],
    );
  });

  test('a page load asking "am I signed in?" without credentials is not audited', async () => {
    const response = await new ApiClient(server.url).request('GET', '/api/auth/me', undefined, {
      'user-agent': 'ui-probe/1',
    });
    assert.equal(response.status, 401);
    assert.equal(await lastAudit((e) => e.userAgent === 'ui-probe/1'), undefined);
  });

  test('login sets a strict HttpOnly cookie with a fresh id and returns the CSRF token', async () => {
    const first = new ApiClient(server.url);
    const response = await first.login('analyst1', analystPassword);
    assert.equal(response.status, 200);
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^vigil_session=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Secure/, 'no Secure flag without TLS, or browsers would drop it');
    assert.equal(response.body.role, 'analyst');
    const second = new ApiClient(server.url);
    await second.login('ANALYST1', analystPassword);
    assert.notEqual(first.cookie, second.cookie);
    const me = await first.request<{ username: string; csrfToken: string }>('GET', '/api/auth/me');
    assert.equal(me.body.username, 'analyst1');
    assert.equal(me.body.csrfToken, first.csrfToken);
    assert.equal((await first.request('POST', '/api/auth/logout')).status, 204);
    assert.equal((await first.request('GET', '/api/auth/me')).status, 401);
  });

  test('wrong passwords are refused alike for real and unknown users, and audited with the name tried', async () => {
    const client = new ApiClient(server.url);
    const wrong = await client.login('auditor1', 'not-the-right-passphrase');
    const unknown = await client.login('nobody-at-all', 'not-the-right-passphrase');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body, 'no hint whether the account exists');
    const entry = await lastAudit((e) => e.action === 'auth.login' && e.actor === 'nobody-at-all');
    assert.ok(entry);
    assert.equal(entry.outcome, 'denied');
    assert.match(entry.detail ?? '', /invalid_credentials/);
  });

  test('repeated failures for one account are throttled with Retry-After', async () => {
    await admin.request('POST', '/api/users', {
      username: 'victim',
      role: 'auditor',
      password: 'victim-passphrase-1',
    });
    const attacker = new ApiClient(server.url);
    for (let i = 0; i < 5; i += 1)
      assert.equal((await attacker.login('victim', `guess-number-${i}-xxxx`)).status, 401);
    const throttled = await attacker.login('victim', 'victim-passphrase-1');
    assert.equal(throttled.status, 429);
    assert.equal((throttled.body as unknown as Problem).code, 'rate_limited');
    assert.ok(Number(throttled.headers.get('retry-after')) > 0);
  });

  test('an auditor cannot write: 403, nothing changes, and the attempt is audited', async () => {
    const auditor = new ApiClient(server.url);
    await auditor.login('auditor1', auditorPassword);
    const before = await userCount();
    const response = await auditor.request<Problem>('POST', '/api/users', {
      username: 'sneaky',
      role: 'admin',
      password: 'sneaky-passphrase-99',
    });
    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'forbidden');
    assert.equal(await userCount(), before);
    const entry = await lastAudit((e) => e.actor === 'auditor1' && e.action === 'users.create');
    assert.deepEqual(
      [entry?.outcome, entry?.status, entry?.method, entry?.path],
      ['denied', 403, 'POST', '/api/users'],
    );
    assert.equal((await auditor.request('GET', '/api/users')).status, 200, 'auditors can read');
  });

  test('cookie requests without the CSRF header, or from another origin, are refused', async () => {
    const client = new ApiClient(server.url);
    await client.login('analyst1', analystPassword);
    const token = client.csrfToken;
    client.csrfToken = undefined;
    const noHeader = await client.request<Problem>('POST', '/api/tokens', {
      name: 'x',
      scopes: ['audit:read'],
    });
    assert.equal(noHeader.status, 403);
    assert.equal(noHeader.body.code, 'csrf_failed');
    client.csrfToken = token;
    const crossSite = await client.request<Problem>(
      'POST',
      '/api/tokens',
      { name: 'x', scopes: ['audit:read'] },
      {
        origin: 'https://evil.example',
      },
    );
    assert.equal(crossSite.body.code, 'csrf_failed');
    const crossSiteLogin = await new ApiClient(server.url).request<Problem>(
      'POST',
      '/api/auth/login',
      { username: 'admin', password: adminPassword },
      { origin: 'https://evil.example' },
    );
    assert.equal(crossSiteLogin.status, 403);
  });

  test('bad input gets a clear 4xx problem and changes nothing', async () => {
    const before = await userCount();
    const cases: [string, unknown, Record<string, string>, number, string][] = [
      ['malformed JSON', '{"username": "x",', {}, 400, 'malformed_json'],
      ['wrong types', { username: 42, role: 'admin', password: true }, {}, 400, 'validation_failed'],
      [
        'unknown field',
        { username: 'u1', role: 'admin', password: 'a-long-enough-passphrase', isRoot: true },
        {},
        400,
        'validation_failed',
      ],
      [
        'bad role',
        { username: 'u2', role: 'root', password: 'a-long-enough-passphrase' },
        {},
        400,
        'validation_failed',
      ],
      [
        'weak password',
        { username: 'u3', role: 'analyst', password: 'password1234567' },
        {},
        400,
        'weak_password',
      ],
      ['short password', { username: 'u4', role: 'analyst', password: 'short' }, {}, 400, 'weak_password'],
      [
        'not JSON',
        'username=u6',
        { 'content-type': 'application/x-www-form-urlencoded' },
        415,
        'unsupported_media_type',
      ],
    ];
    for (const [name, body, headers, status, code] of cases) {
      const response = await admin.request<Problem>('POST', '/api/users', body, headers);
      assert.equal(response.status, status, `${name}: ${JSON.stringify(response.body).slice(0, 300)}`);
      assert.equal(response.body.code, code, name);
      assert.equal(response.headers.get('content-type'), 'application/problem+json', name);
    }
    const oversized = await postOversized(server.url, '/api/users', 2_000_000, {
      cookie: admin.cookie ?? '',
      'x-csrf-token': admin.csrfToken ?? '',
    });
    assert.equal(oversized, 413);
    const typed = await admin.request<Problem>('POST', '/api/users', {
      username: 42,
      role: 'admin',
      password: true,
    });
    assert.ok(typed.body.issues?.some((i) => i.path === 'username'));
    assert.equal(await userCount(), before);
  });

  test('the last enabled admin cannot be demoted, disabled or deleted', async () => {
    const me = await admin.request<{ id: string }>('GET', '/api/auth/me');
    const demote = await admin.request<Problem>('PATCH', `/api/users/${me.body.id}`, { role: 'analyst' });
    assert.equal(demote.status, 409);
    assert.equal((await admin.request('PATCH', `/api/users/${me.body.id}`, { disabled: true })).status, 409);
    assert.equal((await admin.request('DELETE', `/api/users/${me.body.id}`)).status, 409);
    assert.equal((await admin.request<{ role: string }>('GET', '/api/auth/me')).body.role, 'admin');
  });

  test('API tokens are scoped, never exceed their owner, and stop working when revoked', async () => {
    const analyst = new ApiClient(server.url);
    await analyst.login('analyst1', analystPassword);
    const beyond = await analyst.request<Problem>('POST', '/api/tokens', {
      name: 'too much',
      scopes: ['users:write'],
    });
    assert.equal(beyond.status, 403);
    const created = await analyst.request<{ id: string; token: string }>('POST', '/api/tokens', {
      name: 'siem export',
      scopes: ['audit:read'],
      expiresInSeconds: 3600,
    });
    assert.equal(created.status, 201);
    assert.match(created.body.token, /^vgl_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    const script = new ApiClient(server.url);
    script.bearer = created.body.token;
    assert.equal((await script.request('GET', '/api/audit?limit=1')).status, 200);
    assert.equal((await script.request('GET', '/api/users')).status, 403, 'outside the token scope');
    assert.equal(
      (await script.request('POST', '/api/tokens', { name: 'x', scopes: ['audit:read'] })).status,
      403,
    );
    const listed = await analyst.request<{ tokens: { id: string; lastUsedAt: string | null }[] }>(
      'GET',
      '/api/tokens',
    );
    assert.ok(listed.body.tokens.find((t) => t.id === created.body.id)?.lastUsedAt);
    assert.equal((await analyst.request('DELETE', `/api/tokens/${created.body.id}`)).status, 204);
    const revoked = await script.request<Problem>('GET', '/api/audit?limit=1');
    assert.equal(revoked.status, 401);
    script.bearer = 'vgl_000000000000000000000000_' + 'A'.repeat(43);
    assert.equal((await script.request('GET', '/api/audit?limit=1')).status, 401);
  });

  test('changing your password ends your other sessions', async () => {
    const desk = new ApiClient(server.url);
    const laptop = new ApiClient(server.url);
    await admin.request('POST', '/api/users', {
      username: 'rotator',
      role: 'analyst',
      password: 'first-passphrase-123',
    });
    await desk.login('rotator', 'first-passphrase-123');
    await laptop.login('rotator', 'first-passphrase-123');
    const wrongCurrent = await desk.request<Problem>('POST', '/api/auth/password', {
      currentPassword: 'nope-nope-nope-nope',
      newPassword: 'second-passphrase-456',
    });
    assert.equal(wrongCurrent.body.code, 'invalid_credentials');
    const changed = await desk.request('POST', '/api/auth/password', {
      currentPassword: 'first-passphrase-123',
      newPassword: 'second-passphrase-456',
    });
    assert.equal(changed.status, 204);
    assert.equal((await desk.request('GET', '/api/auth/me')).status, 200);
    assert.equal((await laptop.request('GET', '/api/auth/me')).status, 401);
    assert.equal((await new ApiClient(server.url).login('rotator', 'second-passphrase-456')).status, 200);
  });

  test('the audit log verifies, exports, and records who changed what', async () => {
    const verify = await admin.request<AuditVerification>('GET', '/api/audit/verify');
    assert.equal(verify.body.ok, true);
    const created = await lastAudit((e) => e.action === 'users.create' && e.target === 'analyst1');
    assert.deepEqual(
      [created?.actor, created?.outcome, created?.status, created?.detail],
      ['admin', 'success', 201, 'role=analyst'],
    );
    const jsonl = await admin.request<string>('GET', '/api/audit/export?format=jsonl');
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
    assert.equal(lines[0]?.seq, 1);
    assert.ok(lines.length >= verify.body.checked);
    assert.match(
      jsonl.headers.get('content-disposition') ?? '',
      /attachment; filename="vigil-audit-\d{4}-\d\d-\d\d\.jsonl"/,
    );
    const json = await admin.request<AuditEntry[]>('GET', '/api/audit/export?format=json');
    assert.ok(Array.isArray(json.body));
    assert.equal((await admin.request<Problem>('GET', '/api/audit?limit=0')).body.code, 'validation_failed');
  });

  test('every API route declares its access rule', async () => {
    const doc = await admin.request<{
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>('GET', '/api/openapi.json');
    assert.equal(doc.body.openapi, '3.1.0');
    const declared = new Set<string>();
    for (const [path, methods] of Object.entries(doc.body.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        assert.ok(operation['x-vigil-access'], `${method.toUpperCase()} ${path} has no access rule`);
        declared.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    const routed = server.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && r.path !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.path}`);
    for (const route of routed) assert.ok(declared.has(route), `${route} is routed without defineRoute`);
    assert.ok(routed.length >= 14);
  });

  test('overview, probes, metrics and security headers', async () => {
    const overview = await admin.request<{ users: number; logins: unknown[]; auditChainOk: boolean }>(
      'GET',
      '/api/overview',
    );
    assert.equal(overview.status, 200);
    assert.equal(overview.body.logins.length, 14);
    assert.equal(overview.body.auditChainOk, true);
    const anonymous = new ApiClient(server.url);
    assert.equal((await anonymous.request('GET', '/healthz')).status, 200);
    const ready = await anonymous.request<{ status: string }>('GET', '/readyz');
    assert.deepEqual([ready.status, ready.body.status], [200, 'ready']);
    const metrics = await anonymous.request<string>('GET', '/metrics');
    assert.match(
      metrics.body,
      /vigil_http_requests_total\{method="POST",route="auth.login",status="200"\} \d+/,
    );
    const page = await anonymous.request('GET', '/');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const missing = await anonymous.request<Problem>('GET', '/api/no-such-thing');
    assert.deepEqual([missing.status, missing.body.code], [404, 'not_found']);
  });
});
