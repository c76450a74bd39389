import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { oneLine } from '../notify/printable.ts';
import { HttpAuditError } from './http-audit-error.ts';

export interface HttpTarget {
  address: string;
  port: number;
  tls: boolean;
  /** The Host header and TLS server name; the address when not given. */
  host: string;
}

export interface HttpAnswer {
  status: number;
  /** Lowercase names, first value of each, printable and capped. */
  headers: Record<string, string>;
  /** The first `maxBody` bytes, as latin1 so every byte maps to one character. */
  body: string;
}

// Enough for a title, a directory listing's first entries or a status page; never a whole site.
const maxBody = 64 * 1024;
const maxHeaderValue = 1024;

/** `Host` as the request sends it: the port only when it is not the scheme's default, IPv6 in brackets. */
export function hostHeader(target: HttpTarget): string {
  const name = isIP(target.host) === 6 ? `[${target.host}]` : target.host;
  return target.port === (target.tls ? 443 : 80) ? name : `${name}:${target.port}`;
}

/**
 * One GET, never following redirects, certificates not verified (the TLS audit judges them), the
 * body read up to 64 KiB and the whole exchange bounded by `timeoutMs`.
 */
export function fetchHttp(
  target: HttpTarget,
  path: string,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = (target.tls ? httpsRequest : httpRequest)({
      host: target.address,
      port: target.port,
      path,
      method: 'GET',
      agent: false,
      headers: { host: hostHeader(target), 'user-agent': 'Vigil-audit', accept: '*/*', connection: 'close' },
      maxHeaderSize: 32 * 1024,
      ...(target.tls
        ? { rejectUnauthorized: false, ...(isIP(target.host) ? {} : { servername: target.host }) }
        : {}),
    });
    let settled = false;
    const fail = (error: HttpAuditError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(new HttpAuditError('aborted', 'HTTP audit aborted'));
    const timer = setTimeout(
      () => fail(new HttpAuditError('timeout', `GET ${path}: no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) =>
      fail(
        new HttpAuditError(
          error.code?.startsWith('HPE_') ? 'not-http' : 'connect-failed',
          `GET ${path}: ${oneLine(error.message, 200)}`,
        ),
      ),
    );
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const done = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        request.destroy();
        // No prototype: a header called __proto__ or constructor is just a header.
        const headers = Object.create(null) as Record<string, string>;
        for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
          const name = (response.rawHeaders[i] ?? '').toLowerCase();
          if (!Object.hasOwn(headers, name))
            headers[name] = oneLine(response.rawHeaders[i + 1] ?? '', maxHeaderValue);
        }
        resolve({
          status: response.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString('latin1', 0, Math.min(length, maxBody)),
        });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= maxBody) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    request.end();
  });
}
