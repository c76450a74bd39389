import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSyslog } from '../../src/modules/syslog/parse-syslog.ts';
import { scanSyslog } from '../../src/modules/syslog/scan-syslog.ts';

const reference = Date.parse('2026-03-15T12:00:00Z');

test('scanSyslog gives offsets into the line, -1 for what it lacks', () => {
  const line = '<38>Mar  1 18:46:11 web-1 sshd[812]: Accepted publickey';
  const scan = scanSyslog(line, reference, 0);
  assert.equal(scan.format, 'rfc3164');
  assert.deepEqual([scan.facility, scan.severity], [4, 6]);
  assert.equal(scan.millis, Date.parse('2026-03-01T18:46:11Z'));
  assert.equal(line.slice(scan.hostStart, scan.hostEnd), 'web-1');
  assert.equal(line.slice(scan.appStart, scan.appEnd), 'sshd');
  assert.equal(line.slice(scan.pidStart, scan.pidEnd), '812');
  assert.equal(line.slice(scan.messageStart), 'Accepted publickey');
  const bare = scanSyslog('no header here', reference, 0);
  assert.deepEqual(
    [bare.format, bare.facility, bare.hostStart, bare.appStart, bare.pidStart],
    ['unknown', -1, -1, -1, -1],
  );
  assert.ok(Number.isNaN(bare.millis));
});

test('scanSyslog reads RFC 5424 lines into an object, with the time in millis', () => {
  const scan = scanSyslog('<14>1 2026-01-02T03:04:05Z h a 7 - - m', reference, 0);
  assert.equal(scan.format, 'rfc5424');
  assert.equal(scan.millis, Date.parse('2026-01-02T03:04:05Z'));
  assert.deepEqual(scan.rfc5424, {
    millis: scan.millis,
    hostname: 'h',
    appName: 'a',
    procId: '7',
    message: 'm',
  });
  assert.ok(Number.isNaN(scanSyslog('<14>1 - h a 7 - - m', reference, 0).millis));
});

test('fractional seconds of any length are whole milliseconds', () => {
  const time = (fraction: string) => parseSyslog(`Mar  1 18:46:11${fraction} h a: m`, { reference }).time;
  assert.equal(time('.5'), '2026-03-01T18:46:11.500Z');
  assert.equal(time('.05'), '2026-03-01T18:46:11.050Z');
  assert.equal(time('.123456789'), '2026-03-01T18:46:11.123Z');
  assert.equal(time('.'), undefined);
  assert.equal(
    parseSyslog('2026-03-01T18:46:11.9-01:30 h a: m', { reference }).time,
    '2026-03-01T20:16:11.900Z',
  );
});
