import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/platform/config.ts';

const fromYaml = (yaml: string, env: NodeJS.ProcessEnv = {}) =>
  loadConfig({ file: 'vigil.yaml', env, readFile: () => yaml }).config.syslog;

test('the syslog receiver is off by default, with its limits set', () => {
  assert.deepEqual(fromYaml(''), { maxMessageBytes: 65536, maxConnections: 256, idleTimeoutSeconds: 600 });
});

test('a port turns a listener on, on every interface unless a host is given', () => {
  const syslog = fromYaml(
    'syslog:\n  udp: { port: 5514 }\n  tcp: { host: "::", port: 6514 }\n  maxConnections: 10\n',
  );
  assert.deepEqual(syslog.udp, { host: '0.0.0.0', port: 5514 });
  assert.deepEqual(syslog.tcp, { host: '::', port: 6514 });
  assert.equal(syslog.maxConnections, 10);
});

test('VIGIL_SYSLOG_UDP_PORT and VIGIL_SYSLOG_TCP_PORT, over a host from the file', () => {
  const syslog = fromYaml('syslog:\n  tcp: { host: 10.0.0.5, port: 1 }\n', {
    VIGIL_SYSLOG_UDP_PORT: '5514',
    VIGIL_SYSLOG_TCP_PORT: '6514',
  });
  assert.deepEqual(syslog.udp, { host: '0.0.0.0', port: 5514 });
  assert.deepEqual(syslog.tcp, { host: '10.0.0.5', port: 6514 });
});

test('mistakes are named', () => {
  const refused = (yaml: string, message: RegExp, env: NodeJS.ProcessEnv = {}) =>
    assert.throws(() => fromYaml(yaml, env), { name: 'AppError', code: 'config_invalid', message });
  refused('syslog:\n  udp: { port: 514, tls: true }\n', /^vigil\.yaml: unknown key "syslog\.udp\.tls"$/);
  refused('syslog:\n  udp: { host: 0.0.0.0 }\n', /^vigil\.yaml: syslog\.udp\.port: /);
  refused('syslog:\n  maxMessageBytes: 100\n', /syslog\.maxMessageBytes/);
  refused('', /^environment: syslog\.udp\.port/, { VIGIL_SYSLOG_UDP_PORT: '70000' });
});
