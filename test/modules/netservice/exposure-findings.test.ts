import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exposureFindings } from '../../../src/modules/netservice/exposure-findings.ts';
import type { ServiceInfo, ServiceName } from '../../../src/protocol/netscan.ts';

/* Every exposure check id, its severity, and when it must stay quiet. */

function service(name: ServiceName, extra: Partial<ServiceInfo> = {}): ServiceInfo {
  return {
    address: '192.0.2.10',
    port: 1000,
    transport: 'tcp',
    service: name,
    tls: false,
    method: 'probe',
    ...extra,
  };
}

const ids = (info: ServiceInfo, internetFacing = false) =>
  exposureFindings(info, { internetFacing }).map((f) => `${f.check} ${f.severity}`);

test('no-auth checks fire only on auth none', () => {
  for (const [name, severity] of [
    ['redis', 'critical'],
    ['postgresql', 'critical'],
    ['mysql', 'critical'],
    ['mongodb', 'critical'],
    ['elasticsearch', 'critical'],
    ['nats', 'high'],
    ['mqtt', 'high'],
  ] as const) {
    assert.deepEqual(ids(service(name, { auth: 'none' })), [`exposure.${name}-no-auth ${severity}`]);
    assert.deepEqual(ids(service(name, { auth: 'required' })), []);
    assert.deepEqual(ids(service(name)), []);
  }
  assert.deepEqual(ids(service('http', { auth: 'none' })), []);
});

test('clear-text protocols', () => {
  assert.deepEqual(ids(service('telnet')), ['exposure.cleartext-telnet high']);
  assert.deepEqual(ids(service('ftp', { starttls: false })), ['exposure.cleartext-ftp high']);
  assert.deepEqual(ids(service('ftp', { starttls: true })), []);
  assert.deepEqual(ids(service('ftp', { tls: true })), []);
  assert.deepEqual(ids(service('smtp', { starttls: true, details: { authMechanisms: 'PLAIN' } })), [
    'exposure.cleartext-smtp-auth medium',
  ]);
  assert.deepEqual(ids(service('smtp', { starttls: false })), ['exposure.smtp-no-starttls low']);
  assert.deepEqual(ids(service('smtp', { tls: true, details: { authMechanisms: 'PLAIN' } })), []);
  assert.deepEqual(ids(service('imap', { starttls: false })), ['exposure.imap-no-starttls high']);
  assert.deepEqual(ids(service('imap', { starttls: true, details: { plaintextLogin: 'yes' } })), [
    'exposure.cleartext-imap-auth medium',
  ]);
  assert.deepEqual(ids(service('imap', { starttls: true })), []);
  assert.deepEqual(ids(service('pop3', { starttls: false, details: { plaintextLogin: 'yes' } })), [
    'exposure.pop3-no-starttls high',
  ]);
  assert.deepEqual(ids(service('pop3', { starttls: true, details: { authMechanisms: 'PLAIN' } })), [
    'exposure.cleartext-pop3-auth medium',
  ]);
  assert.deepEqual(ids(service('imap', { tls: true })), []);
});

test('services that should never face the internet, only when the host does', () => {
  const expected: [ServiceName, string][] = [
    ['postgresql', 'high'],
    ['mysql', 'high'],
    ['mongodb', 'high'],
    ['redis', 'high'],
    ['elasticsearch', 'high'],
    ['rdp', 'high'],
    ['smb', 'critical'],
    ['amqp', 'medium'],
    ['nats', 'medium'],
    ['mqtt', 'medium'],
  ];
  for (const [name, severity] of expected) {
    assert.deepEqual(ids(service(name, { auth: 'required' }), true), [
      `exposure.internet-${name} ${severity}`,
    ]);
    assert.deepEqual(ids(service(name, { auth: 'required' }), false), []);
  }
  for (const name of ['ssh', 'http', 'dns', 'tls', 'unknown'] as const)
    assert.deepEqual(ids(service(name), true), []);
});

test('a finding carries the endpoint, the host name, evidence, remediation and tags', () => {
  const [finding] = exposureFindings(service('redis', { auth: 'none', product: 'Redis', version: '7.2.4' }), {
    host: 'cache.example.test',
  });
  assert.deepEqual(
    { ...finding, evidence: undefined, remediation: undefined },
    {
      check: 'exposure.redis-no-auth',
      title: 'Redis accepts commands without a password',
      severity: 'critical',
      address: '192.0.2.10',
      host: 'cache.example.test',
      port: 1000,
      transport: 'tcp',
      tags: ['CWE-306', 'T1190'],
      evidence: undefined,
      remediation: undefined,
    },
  );
  assert.match(finding?.evidence ?? '', /^Redis 7\.2\.4 on 192\.0\.2\.10 port 1000\/tcp answered PING/);
  assert.match(finding?.remediation ?? '', /requirepass/);
});
