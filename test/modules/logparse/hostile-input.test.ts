import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogParser } from '../../../src/modules/logparse/create-log-parser.ts';
import { parseLine } from '../../../src/modules/logparse/parse-line.ts';

// Each prefix reaches one parser; each filler repeats what that parser's patterns look for, so
// a pattern that backtracks would be driven into its worst case.
const prefixes = [
  'Feb 20 10:00:01 web1 sshd[1]: Failed password for invalid user ',
  'Feb 20 10:00:01 web1 sshd[1]: Invalid user ',
  'Feb 20 10:00:01 web1 sshd[1]: User ',
  'Feb 20 10:00:01 web1 sshd[1]: Connection closed by authenticating user ',
  'Feb 20 10:00:01 web1 sshd[1]: Disconnecting invalid user ',
  "Feb 20 10:00:01 web1 sshd[1]: Bad protocol version identification '",
  'Feb 20 10:00:01 web1 sshd[1]: Received disconnect from ',
  'Feb 20 10:00:01 web1 sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=',
  'Feb 20 10:00:01 web1 sudo: alice : ',
  'Feb 20 10:00:01 web1 su: ',
  'Feb 20 10:00:01 web1 useradd[1]: new user: name=',
  "Feb 20 10:00:01 web1 usermod[1]: add '",
  'Feb 20 10:00:01 web1 CRON[1]: (root) CMD (',
  'Feb 20 10:00:01 web1 kernel: [UFW BLOCK] IN=eth0 ',
  "Feb 20 10:00:01 web1 dropbear[1]: Bad password attempt for '",
  '203.0.113.9 - - [20/Feb/2026:10:00:11 +0000] "',
  'vhost 203.0.113.9 - - [20/Feb/2026:10:00:11 +0000] "GET / HTTP/1.1" 200 1 "',
  '2026/02/20 10:00:15 [error] 1#1: *1 user "',
  '[Fri Feb 20 10:00:16 2026] [error] [client 1.2.3.4] AH01617: user ',
  'type=EXECVE msg=audit(1771581613.123:555): argc=9999 ',
  "type=USER_AUTH msg=audit(1771581614.000:556): msg='",
  '<38>1 2026-02-20T10:00:00Z host sshd 1 - [',
  '',
];
const fillers = [
  ' from 1.2.3.4 port 22 ssh2',
  ' from ',
  ' ',
  'a',
  ' port 1 ',
  ' not allowed because x from 1.2.3.4',
  " ' from 1.2.3.4",
  ' ; TTY=x ; PWD=/ ; USER=root ;',
  ' rhost=1.2.3.4',
  ' user=x rhost=',
  '"',
  '\\"',
  '\\',
  ' SRC=1.2.3.4 DST=',
  ' a0="x" a1=41',
  "x='",
  ':',
  '[x="]',
  ' client: 1.2.3.4, server: ',
];

test('100 kB pathological lines through every parser finish quickly', () => {
  let slowest = { ms: 0, line: '' };
  const started = performance.now();
  for (const prefix of prefixes) {
    for (const filler of fillers) {
      const line = prefix + filler.repeat(Math.ceil(100_000 / filler.length));
      const t = performance.now();
      const event = parseLine(line, { name: 'hostile', referenceTime: Date.parse('2026-03-01T00:00:00Z') });
      const ms = performance.now() - t;
      assert.equal(event.raw_data, line);
      if (ms > slowest.ms) slowest = { ms, line: `${prefix}${filler}…` };
    }
  }
  const total = performance.now() - started;
  process.stdout.write(
    `slowest ${slowest.ms.toFixed(1)} ms (${slowest.line.slice(0, 80)}), total ${total.toFixed(0)} ms\n`,
  );
  // Linear parsers take well under a millisecond per 64 KiB; quadratic ones take seconds.
  assert.ok(slowest.ms < 250, `slowest line took ${slowest.ms.toFixed(1)} ms: ${slowest.line}`);
  assert.ok(total < 5_000, `all lines took ${total.toFixed(0)} ms`);
});

test('the stateful parser holds bounded state under a flood of connections and audit records', () => {
  const parser = createLogParser();
  const source = { name: 'flood', referenceTime: Date.parse('2026-03-01T00:00:00Z') };
  for (let pid = 0; pid < 50_000; pid++) {
    parser.push(
      `Feb 20 10:00:01 web1 sshd[${pid}]: Disconnecting: Too many authentication failures for root [preauth]`,
      source,
    );
  }
  for (let i = 0; i < 2_000; i++)
    parser.push(`type=PATH msg=audit(1771581613.123:1): item=${i} name="/x"`, source);
  const held = parser.flush();
  assert.ok(held.length <= 20_001, `${held.length} events were still held`);
});
