import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('pam_unix authentication failures from any program, old and new formats', () => {
  const ftp = parse(
    'Feb  7 15:10:42 example pure-ftpd: (pam_unix) authentication failure; logname= uid=0 euid=0 tty=pure-ftpd ruser=sample-user rhost=192.168.1.1 ',
  );
  assert.equal(ftp.metadata.event_code, 'pam.auth_failure');
  assert.equal(ftp.status, 'Failure');
  assert.equal(ftp.user?.name, 'sample-user');
  assert.equal(ftp.src_endpoint?.ip, '192.168.1.1');
  const sudo = parse(
    'Feb  7 15:10:43 host sudo: pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice',
  );
  assert.equal(sudo.user?.name, 'alice');
  assert.equal(sudo.src_endpoint, undefined);
  assert.equal(sudo.unmapped?.pam_service, 'sudo');
});

test('an rhost= typed into ruser or user never becomes the source', () => {
  const inRuser = parse(
    'Jul 19 18:11:50 srv2 daemon: pam_unix(auth): authentication failure; logname= uid=0 euid=0 tty=xxx ruser=test rhost=192.0.2.151 rhost=192.0.2.1',
  );
  assert.equal(inRuser.src_endpoint?.ip, '192.0.2.1');
  assert.equal(inRuser.user?.name, 'test rhost=192.0.2.151');
  const inUser = parse(
    'Jul 19 18:11:52 srv2 daemon: pam_unix(auth): authentication failure; logname= uid=0 euid=0 tty=xxx ruser= rhost=192.0.2.2 user=test rhost=192.0.2.152',
  );
  assert.equal(inUser.src_endpoint?.ip, '192.0.2.2');
  assert.equal(inUser.user?.name, 'test rhost=192.0.2.152');
});

test('sessions, lockouts and password changes', () => {
  const opened = parse(
    'Feb 20 10:00:09 web1 sshd[300]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)',
  );
  assert.equal(opened.metadata.event_code, 'pam.session_opened');
  assert.equal(opened.activity_id, 1);
  assert.deepEqual(opened.user, { name: 'alice', uid: '1000' });
  const closed = parse(
    'Feb 20 10:00:10 web1 sshd[300]: pam_unix(sshd:session): session closed for user alice',
  );
  assert.equal(closed.metadata.event_code, 'pam.session_closed');
  assert.equal(closed.type_uid, 300202);
  const locked = parse(
    'Feb 20 10:00:11 web1 sshd[301]: pam_faillock(sshd:auth): Consecutive login failures for user root account temporarily locked',
  );
  assert.equal(locked.metadata.event_code, 'pam.account_locked');
  assert.equal(locked.user?.name, 'root');
  const changed = parse(
    'Feb 20 10:00:12 web1 passwd[302]: pam_unix(passwd:chauthtok): password changed for bob',
  );
  assert.equal(changed.metadata.event_code, 'pam.password_changed');
  assert.equal(changed.class_uid, 3001);
  assert.equal(changed.activity_id, 3);
});
