import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { auditHttp } from '../../../src/modules/nethttp/audit-http.ts';
import { fetchHttp, hostHeader } from '../../../src/modules/nethttp/fetch-http.ts';
import { hstsMaxAge } from '../../../src/modules/nethttp/http-header-checks.ts';
import {
  envKeys,
  hasPasswordField,
  isGitHead,
  pageTitle,
} from '../../../src/modules/nethttp/http-signatures.ts';

/* The body signatures and the bounded fetch, against hostile input. */

async function rawServer(
  talk: (socket: Socket) => void,
  host = '127.0.0.1',
): Promise<{ port: number; close: () => void }> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    talk(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, close: () => server.close() };
}

test('signatures: git HEAD, dotenv keys without values, titles, password fields, HSTS max-age', () => {
  assert.equal(isGitHead('ref: refs/heads/main\n'), true);
  assert.equal(isGitHead('3f786850e387550fdab836ed7e6dc881de23001b\n'), true);
  assert.equal(isGitHead('<html>ref: refs/heads/main</html>'), false);
  assert.deepEqual(envKeys('# c\nAPP_KEY=base64:x\nexport DB_HOST=db\n\nMAIL.FROM = a@b\n'), [
    'APP_KEY',
    'DB_HOST',
    'MAIL.FROM',
  ]);
  assert.equal(envKeys('<!doctype html><p>A=B</p>'), undefined);
  assert.equal(envKeys('just some text\nanother line\nA=1'), undefined);
  assert.equal(pageTitle('<TITLE>\n  Index of /x \n</TITLE>'), 'Index of /x');
  assert.equal(pageTitle('<title>never closed'), undefined);
  assert.equal(pageTitle(`<title>${'\u001b[2J'.repeat(3)}x</title>`)?.includes('\u001b'), false);
  assert.equal(pageTitle(`<title>${'a'.repeat(1000)}</title>`)?.length, 200);
  assert.equal(hasPasswordField('<form><input name="p" type="password"></form>'), true);
  assert.equal(hasPasswordField('<input type=text>'), false);
  assert.equal(hstsMaxAge('max-age=31536000; includeSubDomains'), 31536000);
  assert.equal(hstsMaxAge('includeSubDomains; max-age="600"'), 600);
  assert.equal(hstsMaxAge('max-age=abc'), undefined);
  assert.equal(hostHeader({ address: '::1', host: '::1', port: 80, tls: false }), '[::1]');
  assert.equal(
    hostHeader({ address: '10.0.0.1', host: 'example.org', port: 8443, tls: true }),
    'example.org:8443',
  );
});

test('hostile pages stay cheap: 2 MB of near-matches take milliseconds', () => {
  const body = '<input '.repeat(300_000);
  const started = performance.now();
  hasPasswordField(body.slice(0, 64 * 1024));
  envKeys('A'.repeat(64 * 1024));
  pageTitle('<title'.repeat(10_000));
  assert.ok(performance.now() - started < 500);
});

test('fetchHttp caps the body, names prototype-looking headers safely, and times out', async (t) => {
  const big = await rawServer((socket) => {
    socket.write('HTTP/1.1 200 OK\r\n__proto__: x\r\nconstructor: y\r\nContent-Length: 10000000\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const timer = setInterval(() => socket.write(chunk), 1);
    socket.on('close', () => clearInterval(timer));
  });
  t.after(big.close);
  const target = { address: '127.0.0.1', host: '127.0.0.1', port: big.port, tls: false };
  const answer = await fetchHttp(target, '/', { timeoutMs: 5000 });
  assert.equal(answer.body.length, 64 * 1024);
  assert.equal(answer.headers.__proto__, 'x');
  assert.equal(answer.headers.constructor, 'y');

  const silent = await rawServer(() => undefined);
  t.after(silent.close);
  await assert.rejects(fetchHttp({ ...target, port: silent.port }, '/', { timeoutMs: 300 }), {
    code: 'timeout',
  });
  const ssh = await rawServer((socket) => socket.write('SSH-2.0-OpenSSH_9.2p1\r\n'));
  t.after(ssh.close);
  await assert.rejects(auditHttp({ address: '127.0.0.1', port: ssh.port, tls: false }, { timeoutMs: 2000 }), {
    code: 'not-http',
  });
});

test('IPv6: the Host header brackets the address', async (t) => {
  let request = '';
  const server = await rawServer((socket) => {
    socket.once('data', (chunk: Buffer) => {
      request ||= chunk.toString('latin1');
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nX-Content-Type-Options: nosniff\r\n\r\n');
    });
  }, '::1');
  t.after(server.close);
  const { report } = await auditHttp({ address: '::1', port: server.port, tls: false }, { timeoutMs: 3000 });
  assert.equal(report.host, `[::1]:${server.port}`);
  assert.match(request, new RegExp(`^GET / HTTP/1.1\r\n(.*\r\n)*host: \\[::1\\]:${server.port}\r\n`, 'i'));
  assert.equal(report.status, 404);
});
