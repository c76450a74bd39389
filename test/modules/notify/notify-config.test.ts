import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { createNotifier } from '../../../src/modules/notify/create-notifier.ts';
import { NotifyConfigSchema } from '../../../src/protocol/notify-config.ts';
import { webhookSignature } from '../../../src/modules/notify/webhook-signature.ts';
import { captureLogger, channel } from './notify-fixtures.ts';

const docs = readFileSync(new URL('../../../docs/notifications.md', import.meta.url), 'utf8');
const codeBlocks = (language: string) =>
  [...docs.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]!);

const issues = (input: unknown) => {
  const result = NotifyConfigSchema.safeParse(input);
  assert.ok(!result.success, 'expected an error');
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

test('no channels by default; each type fills in its defaults', () => {
  assert.deepEqual(NotifyConfigSchema.parse(undefined), { channels: [] });
  const [syslog] = NotifyConfigSchema.parse({
    channels: [{ name: 'siem', type: 'syslog', host: 'siem.example.com', port: 514 }],
  }).channels;
  assert.deepEqual(syslog, {
    name: 'siem',
    type: 'syslog',
    host: 'siem.example.com',
    port: 514,
    transport: 'tcp',
    format: 'cef',
    facility: 'local0',
    minSeverity: 'high',
    onUpdates: false,
    queueSize: 1000,
    retries: 5,
    retryDelayMs: 1000,
    timeoutMs: 10_000,
  });
});

test('mistakes are named where they are', () => {
  const hook = { type: 'webhook', url: 'https://hooks.example.com/x', secret: 'x'.repeat(16) };
  assert.deepEqual(
    issues({
      channels: [
        { ...hook, name: 'a' },
        { ...hook, name: 'a' },
      ],
    }),
    ['channels.1.name: duplicate channel name "a"'],
  );
  assert.match(issues({ channels: [{ ...hook, name: 'a', colour: 'red' }] })[0]!, /colour/);
  assert.match(
    issues({ channels: [{ ...hook, name: 'a', url: 'ftp://x.example.com/' }] })[0]!,
    /^channels\.0\.url:/,
  );
  assert.match(
    issues({ channels: [{ ...hook, name: 'a', headers: { 'X-Vigil-Signature': 'forged' } }] })[0]!,
    /^channels\.0\.headers\.X-Vigil-Signature: Vigil sets this header itself$/,
  );
  assert.match(
    issues({ channels: [{ ...hook, name: 'a', headers: { 'Bad Header': 'x' } }] })[0]!,
    /^channels\.0\.headers\.Bad Header: not an HTTP header name$/,
  );
  assert.deepEqual(issues({ channels: [{ ...hook, name: 'a', secret: 'short' }] }), [
    'channels.0.secret: at least 16 characters',
  ]);
  const mail = { name: 'm', type: 'email', from: 'v@example.com', to: ['s@example.com'] };
  assert.match(
    issues({ channels: [{ ...mail, smtp: { host: 'h', port: 25, user: 'u' } }] })[0]!,
    /set both user and password, or neither/,
  );
  assert.match(
    issues({
      channels: [{ ...mail, to: ['soc@example.com\r\nBcc: x@evil.example'], smtp: { host: 'h', port: 25 } }],
    })[0]!,
    /^channels\.0\.to\.0:/,
  );
  assert.match(
    issues({
      channels: [{ name: 's', type: 'syslog', host: 'h', port: 514, transport: 'udp', caFile: '/ca.pem' }],
    })[0]!,
    /caFile is only for transport: tls/,
  );
});

test('secrets come from the file, a variable or its _FILE form, and must be usable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-notify-config-'));
  try {
    writeFileSync(join(dir, 'secret'), 'from-a-file-0123456789\n');
    const make = (secret: unknown, env: NodeJS.ProcessEnv, headers?: Record<string, unknown>) =>
      createNotifier(
        [
          channel({
            name: 'hook',
            type: 'webhook',
            url: 'https://hooks.example.com/',
            secret: secret as string,
            headers: headers as never,
          }),
        ],
        { logger: captureLogger().logger, version: '1', env },
      );
    make({ env: 'HOOK_SECRET' }, { HOOK_SECRET_FILE: join(dir, 'secret') });
    make({ env: 'HOOK_SECRET' }, { HOOK_SECRET: 'from-the-environment-123' });
    assert.throws(
      () => make({ env: 'HOOK_SECRET' }, {}),
      /channel hook: secret \(from HOOK_SECRET or HOOK_SECRET_FILE\): not set/,
    );
    assert.throws(
      () => make({ env: 'HOOK_SECRET' }, { HOOK_SECRET: 'short' }),
      /must be at least 16 characters/,
    );
    assert.throws(
      () => make({ env: 'HOOK_SECRET' }, { HOOK_SECRET: 'a', HOOK_SECRET_FILE: join(dir, 'secret') }),
      /set HOOK_SECRET or HOOK_SECRET_FILE, not both/,
    );
    assert.throws(
      () => make('x'.repeat(16), { AUTH: 'Bearer x\r\nInjected: yes' }, { Authorization: { env: 'AUTH' } }),
      (error: Error) => /line breaks/.test(error.message) && !error.message.includes('Injected'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreadable CA file stops startup with its name', () => {
  const siem = channel({
    name: 'siem',
    type: 'syslog',
    host: '127.0.0.1',
    port: 6514,
    transport: 'tls',
    caFile: '/nonexistent/ca.pem',
  });
  assert.throws(
    () => createNotifier([siem], { logger: captureLogger().logger, version: '1' }),
    /channel siem: caFile: cannot read \/nonexistent\/ca.pem: ENOENT/,
  );
});

test('every YAML example in docs/notifications.md is a valid configuration', () => {
  const examples = codeBlocks('yaml');
  assert.equal(examples.length, 3);
  const types = examples.flatMap((yaml) => {
    const parsed = NotifyConfigSchema.parse((parseYaml(yaml) as { notify: unknown }).notify);
    return parsed.channels.map((c) => c.type);
  });
  assert.deepEqual(types, ['webhook', 'email', 'syslog']);
});

test("the docs' verification snippet accepts Vigil's signature and refuses a stale or altered one", async () => {
  const [snippet] = codeBlocks('js');
  assert.ok(snippet);
  const { verifyVigilSignature } = (await import(`data:text/javascript,${encodeURIComponent(snippet)}`)) as {
    verifyVigilSignature: (body: string, header: string, secret: string) => boolean;
  };
  const secret = 'whsec_0123456789abcdef';
  const body = '{"version":1,"id":"x"}';
  const now = Math.floor(Date.now() / 1000);
  assert.equal(verifyVigilSignature(body, webhookSignature(secret, now, body), secret), true);
  assert.equal(verifyVigilSignature(`${body} `, webhookSignature(secret, now, body), secret), false);
  assert.equal(verifyVigilSignature(body, webhookSignature('another-secret-0123', now, body), secret), false);
  assert.equal(verifyVigilSignature(body, webhookSignature(secret, now - 600, body), secret), false);
});
