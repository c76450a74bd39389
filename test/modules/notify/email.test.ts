import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { createNotifier } from '../../../src/modules/notify/create-notifier.ts';
import { loadOrCreateServerPki } from '../../../src/modules/pki/server-pki.ts';
import { captureLogger, channel, hostile, notice, waitFor } from './notify-fixtures.ts';

const password = 'smtp-pa55word-never-logged';

interface Received {
  from: string;
  to: string[];
  secure: boolean;
  user: string | undefined;
  raw: string;
}

/**
 * A real SMTP server on loopback, with STARTTLS on a certificate from a CA the
 * client must be told to trust, and password authentication.
 */
async function smtpSink(
  t: TestContext,
  options: Partial<SMTPServerOptions> = {},
): Promise<{ port: number; caFile: string; received: Received[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-notify-smtp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pki = loadOrCreateServerPki({ dir: join(dir, 'pki'), hostnames: ['127.0.0.1'], now: new Date() });
  const received: Received[] = [];
  const server = new SMTPServer({
    key: pki.keyPem,
    cert: pki.certPem,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'vigil' && auth.password === password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('bad credentials'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((address) => address.address),
          secure: session.secure,
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, pki.caCertPem);
  return { port: (server.server.address() as AddressInfo).port, caFile, received };
}

function emailChannel(port: number, caFile: string, extra: Record<string, unknown> = {}) {
  return channel({
    name: 'mail',
    type: 'email',
    smtp: {
      host: '127.0.0.1',
      port,
      tls: 'starttls',
      caFile,
      user: 'vigil',
      password: { env: 'SMTP_PASSWORD' },
    },
    from: 'vigil@example.com',
    to: ['soc@example.com', 'oncall@example.com'],
    retryDelayMs: 10,
    ...extra,
  });
}

/* A small MIME reader, independent of nodemailer: headers, multipart parts, transfer encodings. */

function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, end)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => `%${hex}`)
      .replace(/%(?![0-9A-F]{2})/gi, '%25');
    return decodeURIComponent(bytes);
  }
  return body;
}

function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_match, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

function readMail(raw: string): { headers: Map<string, string>; text: string; html: string } {
  const { headers, body } = splitMessage(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  assert.ok(boundary, 'a multipart message');
  const parts = body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => splitMessage(part.replace(/^\r\n/, '')));
  const part = (type: string) => {
    const found = parts.find((p) => p.headers.get('content-type')?.startsWith(type));
    assert.ok(found, `a ${type} part`);
    return decodeBody(found.headers, found.body.replace(/\r\n$/, '')).replace(/\r\n/g, '\n');
  };
  return { headers, text: part('text/plain'), html: part('text/html') };
}

test('mail goes over STARTTLS with authentication to exactly the configured recipients, escaped', async (t) => {
  const sink = await smtpSink(t);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-notify-secret-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'password'), `${password}\n`);
  const log = captureLogger();
  const notifier = createNotifier([emailChannel(sink.port, sink.caFile)], {
    logger: log.logger,
    version: '1.2.3',
    env: { SMTP_PASSWORD_FILE: join(dir, 'password') },
  });
  t.after(() => notifier.close());

  const headerInjection = 'root\r\nBcc: attacker@evil.example\r\nX-Injected: yes';
  notifier.notify(
    notice({
      entities: { srcIp: '203.0.113.9', user: headerInjection },
      evidence: [hostile, '<script>alert(1)</script> \x1b[31mred\x1b[0m <img src=x onerror=alert(2)>'],
    }),
  );
  await waitFor(() => sink.received.length === 1, 'the mail');

  const [mail] = sink.received;
  assert.ok(mail);
  assert.equal(mail.secure, true, 'STARTTLS was used');
  assert.equal(mail.user, 'vigil');
  assert.equal(mail.from, 'vigil@example.com');
  assert.deepEqual(mail.to, ['soc@example.com', 'oncall@example.com']);

  const { headers, text, html } = readMail(mail.raw);
  assert.equal(
    decodeHeader(headers.get('subject')!),
    '[Vigil HIGH] SSH brute force from one source (source 203.0.113.9, user root\uFFFD\uFFFDBcc: attacker@evil.example\uFFFD\uFFFDX-Injected: yes)',
  );
  assert.ok(!headers.has('bcc'), 'no header can be injected');
  assert.ok(!headers.has('x-injected'));
  assert.equal(headers.get('to'), 'soc@example.com, oncall@example.com');
  assert.match(headers.get('x-vigil-event-id')!, /^[0-9a-f-]{36}$/);

  assert.match(text, /^New alert: SSH brute force from one source\n/);
  assert.ok(text.includes('\nUser: root\uFFFD\uFFFDBcc: attacker@evil.example\uFFFD\uFFFDX-Injected: yes\n'));
  assert.ok(text.includes('\n  a|b=c\\d\uFFFDINJECT\n'), 'a line break in evidence cannot forge a line');
  assert.ok(text.includes('\uFFFD[31mred\uFFFD[0m'), 'terminal escapes are neutralized');
  assert.ok(text.includes('Open in Vigil: https://vigil.example.com/alerts/al_1'));

  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(2)&gt;'));
  assert.ok(!/<script|<img/i.test(html), 'no markup from the logs survives');
  assert.ok(html.includes('<a href="https://vigil.example.com/alerts/al_1">'));
  assert.ok(!log.text().includes(password), 'the SMTP password is never logged');
});

test('a 451 is retried and delivered; a 550 and a wrong password are not retried, and never logged', async (t) => {
  let refusals = 0;
  const sink = await smtpSink(t, {
    onRcptTo(address, _session, callback) {
      if (address.address === 'busy@example.com' && refusals++ === 0) {
        callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
      } else if (address.address === 'nobody@example.com') {
        callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
      } else callback();
    },
  });
  const log = captureLogger();
  const env = { SMTP_PASSWORD: password };
  const notifier = createNotifier(
    [
      emailChannel(sink.port, sink.caFile, { name: 'busy', to: ['busy@example.com'] }),
      emailChannel(sink.port, sink.caFile, { name: 'nobody', to: ['nobody@example.com'] }),
      emailChannel(sink.port, sink.caFile, {
        name: 'wrong-password',
        smtp: {
          host: '127.0.0.1',
          port: sink.port,
          caFile: sink.caFile,
          user: 'vigil',
          password: 'not-the-password',
        },
      }),
    ],
    { logger: log.logger, version: '1.2.3', env },
  );
  t.after(() => notifier.close());

  notifier.notify(notice());
  await waitFor(() => {
    const stats = notifier.stats();
    return stats.busy?.sent === 1 && stats.nobody?.failed === 1 && stats['wrong-password']?.failed === 1;
  }, 'all three outcomes');
  assert.equal(refusals, 2, 'refused once, accepted on the retry');
  assert.equal(sink.received.length, 1);
  assert.deepEqual(sink.received[0]?.to, ['busy@example.com']);
  const failures = log.lines().filter((line) => line.msg === 'notification not delivered');
  assert.deepEqual(failures.map((line) => [line.channel, line.attempts, line.retryable]).sort(), [
    ['nobody', 1, false],
    ['wrong-password', 1, false],
  ]);
  assert.ok(!log.text().includes(password) && !log.text().includes('not-the-password'));
});

test('STARTTLS is required: a server without it, or with an untrusted certificate, gets nothing', async (t) => {
  const plain = await smtpSink(t, { disabledCommands: ['STARTTLS'], authOptional: true });
  const untrusted = await smtpSink(t, { authOptional: true });
  const other = await smtpSink(t);
  const notifier = createNotifier(
    [
      emailChannel(plain.port, plain.caFile, { name: 'plain', retries: 0 }),
      // Trusts another server's CA, so this server's certificate is not trusted.
      emailChannel(untrusted.port, other.caFile, { name: 'untrusted', retries: 0 }),
    ],
    { logger: captureLogger().logger, version: '1.2.3', env: { SMTP_PASSWORD: password } },
  );
  t.after(() => notifier.close());

  notifier.notify(notice());
  await waitFor(
    () => notifier.stats().plain?.failed === 1 && notifier.stats().untrusted?.failed === 1,
    'both refusals',
  );
  assert.equal(plain.received.length + untrusted.received.length, 0);
});
