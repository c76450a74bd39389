import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLine } from '../../../src/modules/logparse/parse-line.ts';
import { readHeader } from '../../../src/modules/logparse/read-header.ts';

const at = (iso: string) => ({ name: 'auth.log', referenceTime: Date.parse(iso) });

test('year-less lines take the year of the reference time and never land in the future', () => {
  const line = 'Dec 31 23:59:58 h sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2';
  assert.equal(
    parseLine(line, at('2026-01-01T00:00:05Z')).time,
    Date.parse('2025-12-31T23:59:58Z'),
    'December read in January',
  );
  assert.equal(parseLine(line, at('2026-12-31T23:59:59Z')).time, Date.parse('2026-12-31T23:59:58Z'));
  const january = 'Jan  1 00:00:03 h sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2';
  assert.equal(parseLine(january, at('2026-01-01T00:00:05Z')).time, Date.parse('2026-01-01T00:00:03Z'));
  assert.equal(parseLine(january, at('2026-06-01T00:00:00Z')).time, Date.parse('2026-01-01T00:00:03Z'));
  const later = 'Jul  1 00:00:00 h sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2';
  assert.equal(
    parseLine(later, at('2026-06-01T00:00:00Z')).time,
    Date.parse('2025-07-01T00:00:00Z'),
    'a month ahead is last year',
  );
});

test('RFC 5424, ISO and space-separated ISO stamps carry their own year and offset', () => {
  const ref = at('2026-03-01T00:00:00Z');
  assert.equal(
    parseLine(
      '<38>1 2019-07-08T17:40:16.954167-04:00 h.example sshd 57915 - - Failed unknown for invalid user r from 192.0.2.1 port 5 ssh2',
      ref,
    ).time,
    Date.parse('2019-07-08T21:40:16.954Z'),
  );
  assert.equal(
    parseLine('2015-04-16T18:02:50.321974+00:00 host sshd[2716]: x', ref).time,
    Date.parse('2015-04-16T18:02:50.321Z'),
  );
  const spaced = parseLine(
    '2020-03-23 06:47:42.801612-0700  localhost sshd[3186]: Invalid user x from 192.0.2.1',
    ref,
  );
  assert.equal(spaced.time, Date.parse('2020-03-23T13:47:42.801Z'));
  assert.equal(spaced.device?.hostname, 'localhost');
  assert.equal(spaced.metadata.event_code, 'sshd.invalid_user');
});

test('journald entries: the program, pid and host come from the fields, the line is the bare MESSAGE', () => {
  const event = parseLine('Failed password for root from 192.0.2.7 port 22 ssh2', {
    name: 'journald',
    journal: {
      SYSLOG_IDENTIFIER: 'sshd-session',
      _PID: '812',
      _HOSTNAME: 'db1',
      __REALTIME_TIMESTAMP: '1771581613123456',
    },
  });
  assert.equal(event.metadata.event_code, 'sshd.auth_failed');
  assert.equal(event.time, 1771581613123);
  assert.equal(event.device?.hostname, 'db1');
  assert.equal(event.actor?.process?.pid, 812);
  assert.equal(event.metadata.log_name, 'journald');
});

test('bracketed tags, Solaris message ids and kernel uptime stamps are looked past', () => {
  const ref = at('2026-03-01T00:00:00Z');
  assert.equal(
    parseLine(
      'Mar  3 00:17:22 [sshd]: User root from 192.0.2.1 not allowed because not listed in AllowUsers',
      ref,
    ).metadata.event_code,
    'sshd.user_not_allowed',
  );
  assert.equal(
    parseLine(
      'Mar 29 05:59:23 dusky sshd[20878]: [ID 800047 auth.info] Failed keyboard-interactive for <invalid username> from 192.0.2.1 port 42742 ssh2',
      ref,
    ).metadata.event_code,
    'sshd.invalid_user',
  );
});

test('lines nobody parses are Base Events with their message; overlong lines are cut before parsing but kept whole', () => {
  const ref = at('2026-03-01T00:00:00Z');
  const event = parseLine('Feb 20 10:00:18 web1 systemd[1]: Started Daily apt upgrade.', ref);
  assert.equal(event.class_uid, 0);
  assert.equal(event.type_uid, 0);
  assert.equal(event.message, 'Started Daily apt upgrade.');
  assert.deepEqual(event.logsource, { product: 'linux', service: 'systemd' });
  assert.deepEqual(parseLine('no header at all', ref).logsource, { product: 'linux', service: 'syslog' });
  const long = `Feb 20 10:00:18 web1 sshd[1]: Invalid user ${'x'.repeat(70_000)} from 192.0.2.1`;
  const cut = parseLine(long, ref);
  assert.equal(cut.raw_data, long);
  assert.equal(cut.class_uid, 0);
});

test('every header has the same fields, absent ones undefined, whatever the kind of line', () => {
  const ref = at('2026-03-01T00:00:00Z');
  const headers = [
    readHeader('Mar  3 00:17:22 h sshd[1]: x', ref),
    readHeader('no header at all', ref),
    readHeader('<14>1 - h a - - - m', ref),
    readHeader('m', { name: 'journald', journal: { MESSAGE: 'm' } }),
  ];
  for (const header of headers) {
    assert.deepEqual(Object.keys(header), ['time', 'timed', 'hostname', 'program', 'pid', 'message']);
  }
});
