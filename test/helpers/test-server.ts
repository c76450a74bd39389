import { request as httpRequest } from 'node:http';
import { ConfigSchema, type ConfigInput } from '../../src/platform/config.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import { startServer, type RunningServer } from '../../src/server/start-server.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { TestDatabase } from './test-database.ts';

export const adminPassword = 'correct-horse-battery-7';

/** A real HTTP server on a free loopback port over the given test database. */
export async function startTestServer(
  testDb: TestDatabase,
  overrides: Omit<ConfigInput, 'dataDir' | 'database'> = {},
  options: { clock?: Clock } = {},
): Promise<RunningServer> {
  const config = ConfigSchema.parse({
    ...overrides,
    dataDir: testDb.dataDir,
    database: { url: testDb.url },
    server: { port: 0, ...overrides.server },
  });
  return startServer({
    config,
    logger: silentLogger,
    adminPassword,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A browser-like client: keeps the session cookie and sends the CSRF header, as the web UI does. */
export class ApiClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<ApiResponse<Record<string, unknown>>> {
    const response = await this.request<Record<string, unknown>>('POST', '/api/auth/login', {
      username,
      password,
    });
    if (response.status === 200) this.csrfToken = response.body.csrfToken as string;
    return response;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    Object.assign(headers, extraHeaders);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair?.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const parsed =
      /^application\/(problem\+)?json/.test(type) && text ? (JSON.parse(text) as T) : (text as T);
    return { status: response.status, headers: response.headers, body: parsed };
  }
}

/**
 * Sends a body larger than the server accepts. The server answers 413 and
 * closes without reading the rest, so the upload may fail after the answer:
 * that is expected, and the answer is what counts.
 */
export function postOversized(
  url: string,
  path: string,
  bytes: number,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(bytes), ...headers },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', (error) => {
      setTimeout(() => {
        reject(error);
      }, 100);
    });
    request.end(Buffer.alloc(bytes, 0x20));
  });
}
