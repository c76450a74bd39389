import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code, parse } from './parse-helper.ts';

const prefix = 'Feb 20 10:00:01 web1 sshd[4242]: ';

test('failed and accepted logins: user, source, port, method, OCSF class', () => {
  const failed = parse(`${prefix}Failed password for alice from 203.0.113.7 port 50022 ssh2`);
  assert.equal(failed.metadata.event_code, 'sshd.auth_failed');
  assert.equal(failed.class_uid, 3002);
  assert.equal(failed.type_uid, 300201);
  assert.equal(failed.status, 'Failure');
  assert.equal(failed.status_id, 2);
  assert.equal(failed.user?.name, 'alice');
  assert.deepEqual(failed.src_endpoint, { ip: '203.0.113.7', port: 50022 });
  assert.equal(failed.auth_protocol, 'password');
  assert.equal(failed.device?.hostname, 'web1');
  assert.equal(failed.time, Date.parse('2026-02-20T10:00:01Z'));
  assert.equal(failed.raw_data, `${prefix}Failed password for alice from 203.0.113.7 port 50022 ssh2`);
  assert.deepEqual(failed.logsource, { product: 'linux', service: 'sshd' });

  const accepted = parse(
    `${prefix}Accepted publickey for deploy from 2001:DB8::1 port 4000 ssh2: ED25519 SHA256:abc`,
  );
  assert.equal(accepted.metadata.event_code, 'sshd.accepted');
  assert.equal(accepted.status, 'Success');
  assert.deepEqual(accepted.src_endpoint, { ip: '2001:db8::1', port: 4000 });
});

test('every failure form fail2ban and CrowdSec know has its event code', () => {
  const cases: [string, string][] = [
    [
      'Failed publickey for invalid user graysky from 192.0.2.1 port 37954 ssh2: RSA SHA256:x',
      'sshd.invalid_user',
    ],
    ['Failed publickey for git from 192.0.2.1 port 57904 ssh2: RSA 04:bc', 'sshd.publickey_rejected'],
    [
      'Failed keyboard-interactive/pam for invalid user jo from 192.0.2.1 port 33723 ssh2',
      'sshd.invalid_user',
    ],
    ['Invalid user admin from 192.0.2.1 port 44004', 'sshd.invalid_user'],
    ['Illegal user admin from 192.0.2.1', 'sshd.invalid_user'],
    ['error: PAM: Authentication failure for root from 192.0.2.1', 'sshd.auth_failed'],
    ['User root from 192.0.2.1 not allowed because not listed in AllowUsers', 'sshd.user_not_allowed'],
    ['User root from 192.0.2.1 not allowed because listed in DenyUsers', 'sshd.user_not_allowed'],
    ['User bob from 192.0.2.1 not allowed because shell /bin/false does not exist', 'sshd.user_not_allowed'],
    ['ROOT LOGIN REFUSED FROM 192.0.2.1 port 22 [preauth]', 'sshd.root_refused'],
    ['refused connect from host.example (192.0.2.1)', 'sshd.connect_refused'],
    [
      'error: maximum authentication attempts exceeded for root from 192.0.2.1 port 1 ssh2 [preauth]',
      'sshd.max_auth_exceeded',
    ],
    ['Disconnecting: Too many authentication failures for root [preauth]', 'sshd.max_auth_exceeded'],
    ['Connection closed by authenticating user root 192.0.2.1 port 46038 [preauth]', 'sshd.preauth_close'],
    ['Disconnected from invalid user ftp 192.0.2.1 port 26138 [preauth]', 'sshd.preauth_close'],
    ['Connection closed by 192.0.2.1 port 22', 'sshd.connection_closed'],
    ['Received disconnect from 192.0.2.1 port 58846:11: Bye Bye [preauth]', 'sshd.received_disconnect'],
    [
      'Received disconnect from 192.0.2.1: 3: com.jcraft.jsch.JSchException: Auth fail [preauth]',
      'sshd.auth_failed',
    ],
    [
      'error: Received disconnect from 192.0.2.1 port 1684:14: No supported authentication methods available [preauth]',
      'sshd.no_auth_methods',
    ],
    ['Did not receive identification string from 192.0.2.1 port 35836', 'sshd.no_identification'],
    ["Bad protocol version identification 'GET / HTTP/1.1' from 192.0.2.1 port 31778", 'sshd.bad_protocol'],
    ['banner exchange: Connection from 192.0.2.1 port 44105: invalid format', 'sshd.bad_protocol'],
    [
      'fatal: Unable to negotiate with 192.0.2.1 port 55419: no matching key exchange method found. Their offer: x',
      'sshd.negotiation_failed',
    ],
    ['fatal: Timeout before authentication for 192.0.2.1 port 55555', 'sshd.auth_timeout'],
    [
      'Address 192.0.2.1 maps to x.example, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!',
      'sshd.reverse_mapping',
    ],
    [
      'reverse mapping checking getaddrinfo for x.example [192.0.2.1] failed - POSSIBLE BREAK-IN ATTEMPT!',
      'sshd.reverse_mapping',
    ],
    [
      'Magic value check failed (4289475479) on obfuscated handshake from 192.0.2.1 port 62730',
      'sshd.bad_protocol',
    ],
    ['Connection from 192.0.2.1 port 51280 on 10.0.0.1 port 22 rdomain ""', 'sshd.connection'],
  ];
  for (const [message, expected] of cases) assert.equal(code(`${prefix}${message}`), expected, message);
  assert.equal(
    code(`Feb 20 10:00:01 web1 sshd-session[4242]: Failed password for root from 192.0.2.1 port 1 ssh2`),
    'sshd.auth_failed',
  );
});

test('PAM lines written by sshd go to the PAM parser with the PAM service', () => {
  const event = parse(
    `${prefix}pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.9  user=root`,
  );
  assert.equal(event.metadata.event_code, 'pam.auth_failure');
  assert.equal(event.src_endpoint?.ip, '192.0.2.9');
  assert.equal(event.user?.name, 'root');
  assert.equal(event.unmapped?.pam_service, 'sshd');
});

test('a " from 6.6.6.6" typed into the user name never becomes the source', () => {
  const injected = [
    'Failed password for invalid user from 6.6.6.6 from 192.0.2.1 port 58946 ssh2',
    'Failed password for invalid user x from 6.6.6.6 port 22 ssh2 from 192.0.2.1 port 58946 ssh2',
    'Failed password for invalid user x from 192.0.2.1 port 58946 ssh2: from 6.6.6.6 port 22 ssh2',
    'Invalid user x from 6.6.6.6 from 192.0.2.1 port 1',
    'User x from 6.6.6.6 not allowed because listed in DenyUsers from 192.0.2.1 not allowed because listed in DenyUsers',
    'Connection closed by authenticating user x 6.6.6.6 port 22 192.0.2.1 port 46039 [preauth]',
    'error: maximum authentication attempts exceeded for x from 6.6.6.6 from 192.0.2.1 port 1 ssh2 [preauth]',
    "Bad protocol version identification 'x' from 6.6.6.6' from 192.0.2.1 port 31778",
    'Accepted password for alice from 192.0.2.1 port 22 ssh2',
  ];
  for (const message of injected)
    assert.equal(parse(`${prefix}${message}`).src_endpoint?.ip, '192.0.2.1', message);
  assert.equal(parse(`${prefix}${injected[1] ?? ''}`).user?.name, 'x from 6.6.6.6 port 22 ssh2');
});

test('user names with spaces and quotes are kept whole; an empty one stays empty', () => {
  assert.equal(parse(`${prefix}Invalid user  from 192.0.2.68 port 34916`).user?.name, '');
  assert.equal(
    parse(`${prefix}Invalid user "o'brien admin" from 192.0.2.1 port 1`).user?.name,
    `"o'brien admin"`,
  );
});

test('IPv4-mapped IPv6 and brackets are normalised; host names stay host names', () => {
  assert.equal(parse(`${prefix}ROOT LOGIN REFUSED FROM ::ffff:1.2.3.4`).src_endpoint?.ip, '1.2.3.4');
  assert.deepEqual(
    parse(`${prefix}User root from example.com not allowed because not in any group`).src_endpoint,
    {
      hostname: 'example.com',
    },
  );
});

test('unrecognised sshd lines are Base Events that keep their message', () => {
  const event = parse(`${prefix}Server listening on 0.0.0.0 port 22.`);
  assert.equal(event.class_uid, 0);
  assert.equal(event.metadata.event_code, undefined);
  assert.equal(event.message, 'Server listening on 0.0.0.0 port 22.');
  assert.deepEqual(event.logsource, { product: 'linux', service: 'sshd' });
});

test('CrowdSec variants: no user name at all, a port before "not allowed"', () => {
  const bare = parse(`${prefix}Invalid user from 192.0.2.3 port 22`);
  assert.equal(bare.metadata.event_code, 'sshd.invalid_user');
  assert.equal(bare.user, undefined);
  const denied = parse(
    `${prefix}User bob from 192.0.2.4 port 2222 not allowed because not listed in AllowUsers`,
  );
  assert.deepEqual(denied.src_endpoint, { ip: '192.0.2.4', port: 2222 });
  assert.equal(denied.user?.name, 'bob');
});
