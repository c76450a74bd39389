import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('new users with UID and GID, group membership, password and account changes', () => {
  const created = parse(
    'Feb 20 10:00:06 web1 useradd[200]: new user: name=backdoor, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/0',
  );
  assert.equal(created.metadata.event_code, 'useradd.new_user');
  assert.equal(created.class_uid, 3001);
  assert.equal(created.type_uid, 300101);
  assert.deepEqual(created.user, { name: 'backdoor', uid: '0' });
  assert.equal(created.unmapped?.gid, '0');
  assert.equal(created.unmapped.shell, '/bin/bash');

  const cases: [string, string][] = [
    ["usermod[201]: add 'bob' to group 'sudo'", 'usermod.add_to_group'],
    ["useradd[201]: add 'bob' to shadow group 'wheel'", 'useradd.add_to_group'],
    ['gpasswd[202]: user bob added by root to group admin', 'gpasswd.add_to_group'],
    ['groupadd[203]: new group: name=dev, GID=1002', 'groupadd.new_group'],
    ['groupadd[203]: group added to /etc/group: name=dev, GID=1002', 'groupadd.new_group'],
    ["usermod[204]: change user 'bob' UID from '1001' to '0'", 'usermod.uid_change'],
    ["usermod[204]: lock user 'bob' password", 'usermod.lock'],
    ["passwd[205]: password for 'bob' changed by 'root'", 'passwd.password_changed'],
    ['chage[206]: changed password expiry for bob', 'chage.expiry_changed'],
    ["userdel[207]: delete user 'bob'", 'userdel.delete_user'],
  ];
  for (const [message, expected] of cases)
    assert.equal(parse(`Feb 20 10:00:07 web1 ${message}`).metadata.event_code, expected, message);
  assert.deepEqual(parse("Feb 20 10:00:07 web1 usermod[201]: add 'bob' to group 'sudo'").user, {
    name: 'bob',
    groups: ['sudo'],
  });
});
