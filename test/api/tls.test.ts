import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RunningServer } from '../../src/server/start-server.ts';
import { needs } from '../helpers/requirements.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { adminPassword, startTestServer } from '../helpers/test-server.ts';

interface TlsResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

function postJson(url: string, path: string, body: unknown, ca: Buffer): Promise<TlsResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('serving HTTPS', needs('openssl', 'makes a throwaway certificate'), () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let ca: Buffer;

  before(async () => {
    const sqlite = testDialects[0];
    assert.ok(sqlite);
    testDb = await sqlite.create();
    const cert = join(testDb.dataDir, 'tls.crt');
    const key = join(testDb.dataDir, 'tls.key');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    ca = readFileSync(cert);
    server = await startTestServer(testDb, { server: { tls: { certFile: cert, keyFile: key } } });
  });

  after(async () => {
    await server.close();
    await testDb.dispose();
  });

  test('under TLS the session cookie is Secure and HSTS is sent', async () => {
    assert.match(server.url, /^https:\/\//);
    const response = await postJson(
      server.url,
      '/api/auth/login',
      { username: 'admin', password: adminPassword },
      ca,
    );
    assert.equal(response.status, 200);
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /; Secure/);
    assert.match(cookie, /HttpOnly/);
    assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
  });
});
