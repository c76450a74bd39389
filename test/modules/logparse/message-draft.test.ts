import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

const opened = 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)';

test('a repeated message gives each line its own time, host, pid and text, and the same fields', () => {
  const lines = [
    `Feb 20 10:00:01 web1 CRON[101]: ${opened}`,
    `Feb 20 10:00:02 web2 CRON[102]: ${opened}`,
    `Feb 20 10:00:03 web1 CRON[103]: ${opened}`,
  ];
  const [first, second, third] = lines.map(parse);
  assert.ok(first && second && third);
  assert.deepEqual(third.actor, { user: { uid: '0' }, process: { name: 'CRON', pid: 103 } });
  assert.equal(third.raw_data, lines[2]);
  assert.equal(third.time - first.time, 2000);
  assert.deepEqual(second.device, { hostname: 'web2' });
  const { time: _t, raw_data: _r, device: _d, actor: _a, ...rest } = third;
  const { time: _t1, raw_data: _r1, device: _d1, actor: _a1, ...firstRest } = first;
  assert.deepEqual(rest, firstRest);
  assert.notEqual(third.metadata, first.metadata, 'metadata is written downstream (sequence): never shared');
});

test('the fields a repeated message shares are frozen, so no consumer can change another line’s event', () => {
  const line =
    'Feb 20 10:00:01 web1 sudo:    alice : TTY=pts/2 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/true';
  parse(line);
  const event = parse(line);
  assert.ok(event.user && event.process);
  assert.ok(Object.isFrozen(event.user) && Object.isFrozen(event.process));
  assert.ok(Object.isFrozen(event.logsource) && Object.isFrozen(event.metadata.product));
  assert.ok(event.device && Object.isFrozen(event.device));
  assert.throws(() => {
    (event.user as { name?: string }).name = 'mallory';
  }, TypeError);
  event.metadata.sequence = 7;
  event.src_endpoint = { ip: '192.0.2.1' };
  assert.equal(parse(line).metadata.sequence, undefined);
});

test('the same message from another program is parsed for that program', () => {
  const message =
    'pam_unix(login:auth): authentication failure; logname= uid=0 euid=0 tty=tty1 ruser= rhost=';
  const login = parse(`Feb 20 10:00:01 web1 login[7]: ${message}`);
  parse(`Feb 20 10:00:01 web1 login[7]: ${message}`);
  const other = parse(`Feb 20 10:00:02 web1 xlogin[8]: ${message}`);
  assert.equal(login.actor?.process?.name, 'login');
  assert.equal(other.actor?.process?.name, 'xlogin');
  assert.equal(other.logsource.service, 'xlogin');
});
