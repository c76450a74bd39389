import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('nginx basic-auth failures, with a user name crafted to move the client', () => {
  const event = parse(
    '2014/04/03 22:20:40 [error] 30708#0: *3 user "test": password mismatch, client: 127.0.0.1, server: test, request: "GET / HTTP/1.1", host: "localhost:8443"": was not found in "/etc/nginx/.htpasswd", client: 192.0.2.2, server: , request: "GET / HTTP/1.1", host: "localhost:8443"',
  );
  assert.equal(event.metadata.event_code, 'web.auth_failed');
  assert.equal(event.src_endpoint?.ip, '192.0.2.2');
  assert.equal(event.time, Date.parse('2014-04-03T22:20:40Z'));
  const other = parse(
    '2026/02/20 10:00:15 [error] 1#1: *5 open() "/var/www/x" failed (2: No such file or directory), client: 192.0.2.3, server: a, request: "GET /x HTTP/1.1"',
  );
  assert.equal(other.metadata.event_code, 'web.error');
  assert.equal(other.src_endpoint?.ip, '192.0.2.3');
});

test('apache auth failures, old and 2.4 formats', () => {
  const old = parse('[Thu Jul 11 01:21:43 2013] [error] [client 194.228.20.113] user dsfasdf not found: /');
  assert.equal(old.metadata.event_code, 'web.auth_failed');
  assert.equal(old.user?.name, 'dsfasdf');
  assert.equal(old.time, Date.parse('2013-07-11T01:21:43Z'));
  const modern = parse(
    '[Sat Jul 20 21:39:11.978080 2013] [auth_basic:error] [pid 17512:tid 1] [client 127.0.0.1:51390] AH01617: user username: authentication failure for "/basic/file": Password Mismatch',
  );
  assert.equal(modern.metadata.event_code, 'web.auth_failed');
  assert.deepEqual(modern.src_endpoint, { ip: '127.0.0.1', port: 51390 });
  assert.equal(modern.time, Date.parse('2013-07-20T21:39:11.978Z'));
});
