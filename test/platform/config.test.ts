import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/platform/config.ts';
import { AppError } from '../../src/platform/errors.ts';

function fromYaml(yaml: string, env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}) {
  const all: Record<string, string> = { 'vigil.yaml': yaml, ...files };
  return loadConfig({
    file: 'vigil.yaml',
    env,
    readFile: (path) => {
      const text = all[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
  });
}

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'config_invalid');
    return error.message;
  }
  assert.fail('expected a configuration error');
}

test('defaults make an empty file valid', () => {
  const { config } = fromYaml('');
  assert.equal(config.server.port, 8470);
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.auth.sessionIdleMinutes, 30);
  assert.equal(config.database.url, undefined);
});

test('an unknown key is named with its full path and source', () => {
  assert.equal(
    configError(() => fromYaml('server:\n  prot: 80\n')),
    'vigil.yaml: unknown key "server.prot"',
  );
  assert.match(
    configError(() => fromYaml('colour: blue\n')),
    /unknown key "colour"/,
  );
});

test('a wrong type names the key', () => {
  assert.match(
    configError(() => fromYaml('server:\n  port: eighty\n')),
    /^vigil\.yaml: server\.port: /,
  );
  assert.match(
    configError(() => fromYaml('auth:\n  sessionIdleMinutes: 0\n')),
    /auth\.sessionIdleMinutes/,
  );
});

test('YAML syntax errors and non-mapping documents are refused', () => {
  assert.match(
    configError(() => fromYaml('server: [1, 2\n')),
    /^vigil\.yaml: /,
  );
  assert.match(
    configError(() => fromYaml('- a\n- b\n')),
    /top level must be a mapping/,
  );
  assert.match(
    configError(() => fromYaml('a: 1\na: 2\n')),
    /^vigil\.yaml: /,
  );
});

test('environment overrides the file, flags override the environment', () => {
  const { config } = loadConfig({
    file: 'f.yaml',
    readFile: () => 'server:\n  port: 9000\n  host: 0.0.0.0\n',
    env: { VIGIL_PORT: '9100', VIGIL_LOG_LEVEL: 'debug' },
    flags: { server: { port: 9200 } },
  });
  assert.equal(config.server.port, 9200);
  assert.equal(config.server.host, '0.0.0.0');
  assert.equal(config.log.level, 'debug');
});

test('bad environment values name the variable', () => {
  assert.match(
    configError(() => fromYaml('', { VIGIL_PORT: '80x' })),
    /^VIGIL_PORT: expected a whole number/,
  );
  assert.match(
    configError(() => fromYaml('', { VIGIL_TRUST_PROXY: 'maybe' })),
    /^VIGIL_TRUST_PROXY: expected true or false/,
  );
  assert.match(
    configError(() => fromYaml('', { VIGIL_DATABASE_URL: 'mysql://x' })),
    /^environment: database\.url: must start with/,
  );
});

test('secrets can come from *_FILE, but not both forms at once', () => {
  const { config } = fromYaml(
    '',
    { VIGIL_DATABASE_URL_FILE: '/run/secrets/db' },
    { '/run/secrets/db': 'postgres://u:p@h/db\n' },
  );
  assert.equal(config.database.url, 'postgres://u:p@h/db');
  assert.match(
    configError(() => fromYaml('', { VIGIL_DATABASE_URL: 'postgres://a', VIGIL_DATABASE_URL_FILE: '/x' })),
    /not both/,
  );
  assert.match(
    configError(() => fromYaml('', { VIGIL_DATABASE_URL_FILE: '/missing' })),
    /cannot read \/missing: ENOENT/,
  );
});

test('unknown VIGIL_ variables are reported as warnings, not silently ignored', () => {
  const { warnings } = fromYaml('', { VIGIL_PROT: '1', VIGIL_ADMIN_PASSWORD: 'x', PATH: '/bin' });
  assert.deepEqual(warnings, ['unknown environment variable VIGIL_PROT ignored']);
});

test('a missing config file is a clear error', () => {
  assert.match(
    configError(() =>
      loadConfig({
        file: '/nope.yaml',
        readFile: () => {
          throw Object.assign(new Error(), { code: 'ENOENT' });
        },
      }),
    ),
    /^\/nope\.yaml: cannot read: ENOENT$/,
  );
});

test('prototype keys are refused', () => {
  assert.match(
    configError(() => fromYaml('__proto__:\n  polluted: 1\n')),
    /__proto__/,
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('server.tls is either certificate files or auto with optional hostnames', () => {
  assert.deepEqual(fromYaml('server:\n  tls:\n    certFile: a.crt\n    keyFile: a.key\n').config.server.tls, {
    certFile: 'a.crt',
    keyFile: 'a.key',
  });
  assert.deepEqual(fromYaml('server:\n  tls:\n    auto: true\n').config.server.tls, {
    auto: true,
    hostnames: [],
  });
  assert.deepEqual(
    fromYaml('server:\n  tls:\n    auto: true\n    hostnames: [vigil.example.com, 10.0.0.5]\n').config.server
      .tls,
    { auto: true, hostnames: ['vigil.example.com', '10.0.0.5'] },
  );
  assert.equal(fromYaml('').config.server.tls, undefined);
  assert.match(
    configError(() => fromYaml('server:\n  tls:\n    auto: false\n')),
    /server\.tls: either certFile and keyFile, or auto: true/,
  );
  assert.match(
    configError(() => fromYaml('server:\n  tls:\n    certFile: a.crt\n')),
    /server\.tls: either certFile and keyFile/,
  );
  assert.match(
    configError(() => fromYaml('server:\n  tls:\n    auto: true\n    certFile: a.crt\n')),
    /unknown key "server\.tls\.certFile"/,
  );
  assert.match(
    configError(() => fromYaml('server:\n  tls:\n    auto: true\n    hostnames: ["a b"]\n')),
    /server\.tls\.hostnames\.0: a DNS name or IP address/,
  );
});
