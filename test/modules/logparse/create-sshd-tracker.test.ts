import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SecurityEvent } from '../../../src/protocol/security-event.ts';
import { createLogParser } from '../../../src/modules/logparse/create-log-parser.ts';
import { createSshdTracker } from '../../../src/modules/logparse/create-sshd-tracker.ts';
import { parseLine } from '../../../src/modules/logparse/parse-line.ts';
import { isAuthFailure } from '../../../src/modules/logparse/failure-codes.ts';

const source = { name: 'auth.log', referenceTime: Date.parse('2026-03-01T00:00:00Z') };
function run(lines: string[]): SecurityEvent[][] {
  const parser = createLogParser();
  return lines.map((line) => parser.push(line, source));
}

test('every line of a connection gets the source that one of its lines named', () => {
  const [, tooMany] = run([
    'Feb 12 04:09:18 h sshd[26713]: Connection from 115.249.163.77 port 51353 on 10.0.0.1 port 22',
    'Feb 12 04:09:21 h sshd[26713]: Disconnecting: Too many authentication failures for root [preauth]',
  ]);
  assert.equal(tooMany?.[0]?.metadata.event_code, 'sshd.max_auth_exceeded');
  assert.deepEqual(tooMany[0].src_endpoint, { ip: '115.249.163.77', port: 51353 });
});

test('a failure logged before its source is held until the connection names it', () => {
  const [held, released] = run([
    'Nov 23 21:50:19 h sshd[8148]: Disconnecting: Too many authentication failures for root [preauth]',
    'Nov 23 21:50:37 h sshd[8148]: Connection closed by 61.0.0.1 [preauth]',
  ]);
  assert.deepEqual(held, []);
  assert.deepEqual(
    released?.map((e) => [e.metadata.event_code, e.src_endpoint?.ip]),
    [
      ['sshd.preauth_close', '61.0.0.1'],
      ['sshd.max_auth_exceeded', '61.0.0.1'],
    ],
  );
  assert.equal(released[1]?.time, Date.parse('2025-11-23T21:50:19Z'), 'a held event keeps its own time');
});

test('a second account name on one connection is a user_switch failure, even when the login then succeeds', () => {
  const out = run([
    'Mar  7 18:53:22 bar sshd[1558]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=root rhost=192.0.2.114',
    'Mar  7 18:53:23 bar sshd[1558]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=sudoer rhost=192.0.2.114',
    'Mar  7 18:53:24 bar sshd[1558]: Accepted password for known from 192.0.2.114 port 52100 ssh2',
  ]);
  assert.equal(out[0]?.some(isAuthFailure), false, 'PAM failure via sshd alone is not counted');
  assert.deepEqual(
    out[1]?.filter(isAuthFailure).map((e) => e.metadata.event_code),
    ['sshd.user_switch'],
  );
  assert.deepEqual(
    out[2]?.map((e) => e.metadata.event_code),
    ['sshd.accepted', 'sshd.user_switch'],
  );
});

test('the same account tried again and then accepted is no failure', () => {
  const out = run([
    'Mar  7 18:53:20 bar sshd[1556]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.113  user=rda',
    'Mar  7 18:53:20 bar sshd[1556]: Accepted password for rda from 192.0.2.113 port 52100 ssh2',
  ]);
  assert.equal(out.flat().some(isAuthFailure), false);
});

test('other programs pass through untouched', () => {
  const [[event]] = run([
    'Feb 20 10:00:01 web1 sudo: alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/id',
  ]) as [[SecurityEvent]];
  assert.equal(event.metadata.event_code, 'sudo.command');
});

test('a reused pid does not inherit the source of an old connection', () => {
  const out = run([
    'Feb 20 10:00:00 h sshd[700]: Connection from 198.51.100.1 port 1000 on 10.0.0.1 port 22',
    'Feb 20 10:30:00 h sshd[700]: Disconnecting: Too many authentication failures for root [preauth]',
    'Feb 20 11:00:00 h sshd[701]: Connection from 198.51.100.2 port 1000 on 10.0.0.1 port 22',
    'Feb 20 11:00:01 h sshd[701]: Connection from 203.0.113.3 port 2000 on 10.0.0.1 port 22',
    'Feb 20 11:00:02 h sshd[701]: Disconnecting: Too many authentication failures for root [preauth]',
  ]);
  assert.deepEqual(out[1], [], 'held: the old connection went silent');
  assert.equal(out[4]?.[0]?.src_endpoint?.ip, '203.0.113.3');
});

test('past maxConnections the least recently seen connection goes first, its held failures handed out', () => {
  const tracker = createSshdTracker(2);
  const line = (pid: number, second: number) =>
    parseLine(
      `Feb 20 10:00:${String(second).padStart(2, '0')} h sshd[${pid}]: Disconnecting: Too many authentication failures for root [preauth]`,
      source,
    );
  const held = (events: SecurityEvent[]) =>
    events.filter((e) => e.src_endpoint === undefined).map((e) => e.time);
  assert.deepEqual(tracker.push(line(1, 1)), []);
  assert.deepEqual(tracker.push(line(2, 2)), []);
  assert.deepEqual(tracker.push(line(1, 3)), [], 'pid 1 seen again: now the most recent');
  assert.deepEqual(held(tracker.push(line(3, 4))), [line(2, 2).time], 'pid 2 evicted');
  assert.deepEqual(held(tracker.push(line(4, 5))), [line(1, 1).time, line(1, 3).time], 'then pid 1');
  for (let pid = 5; pid < 5000; pid++) tracker.push(line(pid, pid % 60));
  assert.equal(tracker.flush().length, 2, 'the last two connections are still held');
});

test('lines that leave nothing to remember take no place among the connections', () => {
  const tracker = createSshdTracker(2);
  const push = (line: string) => tracker.push(parseLine(line, source));
  push('Feb 20 10:00:00 h sshd[700]: Connection from 198.51.100.1 port 1000 on 10.0.0.1 port 22');
  for (let pid = 800; pid < 900; pid++)
    push(`Feb 20 10:00:01 h sshd[${pid}]: Server listening on 0.0.0.0 port 22.`);
  const [tooMany] = push(
    'Feb 20 10:00:02 h sshd[700]: Disconnecting: Too many authentication failures for root [preauth]',
  );
  assert.equal(tooMany?.src_endpoint?.ip, '198.51.100.1');
});
