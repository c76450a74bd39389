import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('combined log format: request, status, bytes, referrer, user agent, time with offset', () => {
  const event = parse(
    '203.0.113.9 - - [20/Feb/2026:10:00:11 +0100] "GET /wp-login.php?action=register&x=1 HTTP/1.1" 404 153 "http://evil.example/" "sqlmap/1.7"',
  );
  assert.equal(event.metadata.event_code, 'web.access');
  assert.equal(event.class_uid, 4002);
  assert.equal(event.activity_id, 3);
  assert.equal(event.time, Date.parse('2026-02-20T09:00:11Z'));
  assert.deepEqual(event.src_endpoint, { ip: '203.0.113.9' });
  assert.deepEqual(event.http_request, {
    http_method: 'GET',
    version: 'HTTP/1.1',
    url: {
      url_string: '/wp-login.php?action=register&x=1',
      path: '/wp-login.php',
      query_string: 'action=register&x=1',
    },
    referrer: 'http://evil.example/',
    user_agent: 'sqlmap/1.7',
  });
  assert.deepEqual(event.http_response, { code: 404, length: 153 });
  assert.deepEqual(event.logsource, { category: 'webserver' });
});

test('common log format with a user, and virtual-host prefixes', () => {
  const common = parse('192.0.2.4 - frank [10/Oct/2000:13:55:36 -0700] "POST /login HTTP/1.0" 401 -');
  assert.equal(common.user?.name, 'frank');
  assert.equal(common.activity_id, 6);
  assert.deepEqual(common.http_response, { code: 401 });
  const vhost = parse(
    'shop.example:443 2001:db8::7 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/2.0" 200 512 "-" "curl/8"',
  );
  assert.equal(vhost.http_request?.url?.hostname, 'shop.example');
  assert.equal(vhost.src_endpoint?.ip, '2001:db8::7');
  assert.equal(vhost.http_request.referrer, undefined);
});

test('hostile request lines: TLS handshakes, empty, "-", escaped quotes', () => {
  const tls = parse(
    '198.51.100.2 - - [20/Feb/2026:10:00:12 +0000] "\\x16\\x03\\x01\\x00\\xee\\x01" 400 150 "-" "-"',
  );
  assert.equal(tls.http_request?.http_method, undefined);
  assert.equal(tls.http_request?.url?.url_string, '\\x16\\x03\\x01\\x00\\xee\\x01');
  assert.equal(tls.activity_id, 99);
  assert.equal(tls.unmapped?.request, '\\x16\\x03\\x01\\x00\\xee\\x01');
  assert.equal(
    parse('198.51.100.2 - - [20/Feb/2026:10:00:13 +0000] "-" 408 0 "-" "-"').http_response?.code,
    408,
  );
  assert.equal(
    parse('198.51.100.2 - - [20/Feb/2026:10:00:13 +0000] "" 400 0 "-" "-"').http_request?.url?.url_string,
    '',
  );
  const quoted = parse(
    '198.51.100.2 - - [20/Feb/2026:10:00:14 +0000] "GET /?q=\\"><script> HTTP/1.1" 200 1 "-" "x \\"y\\""',
  );
  assert.equal(quoted.http_request?.url?.query_string, 'q=\\"><script>');
  assert.equal(quoted.http_request.user_agent, 'x \\"y\\"');
});
