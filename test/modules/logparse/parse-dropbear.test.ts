import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('dropbear failures and successes, with host:port sources', () => {
  const bad = parse(
    "Mar 24 15:25:51 router dropbear[4092]: Bad password attempt for 'root' from 198.51.100.87:5543",
  );
  assert.equal(bad.metadata.event_code, 'dropbear.auth_failed');
  assert.deepEqual(bad.src_endpoint, { ip: '198.51.100.87', port: 5543 });
  const unknown = parse(
    'Feb 11 15:23:17 dropbear[1252]: login attempt for nonexistent user from ::ffff:198.51.100.215:60495',
  );
  assert.equal(unknown.metadata.event_code, 'dropbear.invalid_user');
  assert.equal(unknown.src_endpoint?.ip, '198.51.100.215');
  const max = parse(
    "Jul 10 23:57:29 r dropbear[825]: [825] Jul 10 23:57:29 Exit before auth from <192.0.2.3:52289>: (user 'root', 10 fails): Max auth tries reached - user 'root'",
  );
  assert.equal(max.metadata.event_code, 'dropbear.max_auth_exceeded');
  assert.equal(max.src_endpoint?.ip, '192.0.2.3');
  const ok = parse(
    "Jul 10 23:58:00 r dropbear[826]: Password auth succeeded for 'admin' from 192.0.2.4:5000",
  );
  assert.equal(ok.metadata.event_code, 'dropbear.accepted');
  assert.equal(
    parse("Jul 10 23:58:01 r dropbear[827]: Bad password attempt for 'x' from 6.6.6.6:1' from 192.0.2.5:2")
      .src_endpoint?.ip,
    '192.0.2.5',
  );
});
