import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogParser } from '../../../src/modules/logparse/create-log-parser.ts';
import { parseLine } from '../../../src/modules/logparse/parse-line.ts';

const source = { name: '/var/log/audit/audit.log', referenceTime: Date.parse('2026-03-01T00:00:00Z') };
const execve = [
  'type=SYSCALL msg=audit(1771581613.123:555): arch=c000003e syscall=59 success=yes exit=0 a0=55d a1=55e a2=55f a3=0 items=2 ppid=100 pid=101 auid=1000 uid=0 gid=0 euid=0 ses=3 tty=pts0 comm="cat" exe="/usr/bin/cat" key="susp"',
  'type=EXECVE msg=audit(1771581613.123:555): argc=3 a0="cat" a1=2F746D702F61206220 a2="-n"',
  'type=CWD msg=audit(1771581613.123:555): cwd="/root"',
  'type=PATH msg=audit(1771581613.123:555): item=0 name="/usr/bin/cat" inode=1 nametype=NORMAL',
  'type=PATH msg=audit(1771581613.123:555): item=1 name=2F746D702F61206220 inode=2 nametype=NORMAL',
  'type=PROCTITLE msg=audit(1771581613.123:555): proctitle=636174002F746D702F61206220002D6E',
];

test('records with one serial become one process_creation event, hex arguments decoded', () => {
  const parser = createLogParser();
  const events = [...execve, 'type=EOE msg=audit(1771581613.123:555):'].flatMap((line) =>
    parser.push(line, source),
  );
  assert.equal(events.length, 1);
  const [event] = events;
  assert.ok(event);
  assert.equal(event.metadata.event_code, 'auditd.execve');
  assert.equal(event.class_uid, 1007);
  assert.equal(event.time, 1771581613123);
  assert.deepEqual(event.logsource, { product: 'linux', service: 'auditd', category: 'process_creation' });
  assert.equal(event.process?.cmd_line, 'cat /tmp/a b  -n');
  assert.equal(event.process.file?.path, '/usr/bin/cat');
  assert.equal(event.process.working_directory, '/root');
  assert.equal(event.process.pid, 101);
  assert.equal(event.process.parent_process?.pid, 100);
  assert.equal(event.process.user?.uid, '0');
  assert.equal(event.actor?.user?.uid, '1000');
  assert.deepEqual(event.unmapped?.type, ['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PATH', 'PROCTITLE']);
  assert.deepEqual(event.unmapped.name, ['/usr/bin/cat', '/tmp/a b ']);
  assert.equal(event.unmapped.a1, '/tmp/a b ');
  assert.equal(event.unmapped.key, 'susp');
  assert.equal(event.raw_data, execve.join('\n'));
});

test('a group also ends when another serial arrives, and on flush', () => {
  const parser = createLogParser();
  assert.deepEqual(
    execve.flatMap((line) => parser.push(line, source)),
    [],
  );
  const next = parser.push(
    'type=USER_AUTH msg=audit(1771581614.000:556): pid=1 uid=0 auid=4294967295 ses=4294967295 msg=\'op=PAM:authentication grantors=? acct="root" exe="/usr/sbin/sshd" hostname=1.2.3.4 addr=1.2.3.4 terminal=ssh res=failed\'',
    source,
  );
  assert.deepEqual(
    next.map((e) => e.metadata.event_code),
    ['auditd.execve'],
  );
  const [auth] = parser.flush();
  assert.equal(auth?.metadata.event_code, 'auditd.user_auth');
  assert.equal(auth.status, 'Failure');
  assert.equal(auth.user?.name, 'root');
  assert.equal(auth.src_endpoint?.ip, '1.2.3.4');
  assert.equal(auth.actor?.user, undefined, 'an unset auid (4294967295) is no user');
});

test('parseLine on one record gives that record alone', () => {
  const event = parseLine('type=CWD msg=audit(1771581613.123:555): cwd="/root"', source);
  assert.equal(event.metadata.event_code, 'auditd.cwd');
  assert.deepEqual(event.logsource, { product: 'linux', service: 'auditd' });
  const syslogged = parseLine(
    'Feb 20 10:00:13 web1 audispd: type=EXECVE msg=audit(1771581613.123:555): argc=1 a0="id"',
    source,
  );
  assert.equal(syslogged.metadata.event_code, 'auditd.execve');
  assert.equal(syslogged.process?.cmd_line, 'id');
});
