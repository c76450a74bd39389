import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSyslog, readSyslog, type ParsedSyslog } from '../../src/modules/syslog/parse-syslog.ts';

const reference = new Date('2026-03-15T12:00:00Z');
const parse = (line: string, timeZoneOffsetMinutes?: number): ParsedSyslog =>
  parseSyslog(line, { reference, ...(timeZoneOffsetMinutes === undefined ? {} : { timeZoneOffsetMinutes }) });

describe('RFC 5424 §6.5 examples', () => {
  test('example 1: no structured data, BOM before the message', () => {
    assert.deepEqual(
      parse(
        "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8",
      ),
      {
        facility: 4,
        severity: 2,
        time: '2003-10-11T22:14:15.003Z',
        hostname: 'mymachine.example.com',
        appName: 'su',
        msgId: 'ID47',
        message: "'su root' failed for lonvick on /dev/pts/8",
        format: 'rfc5424',
      },
    );
  });

  test('example 2: offset time with microseconds, no MSGID', () => {
    assert.deepEqual(
      parse(
        "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
      ),
      {
        facility: 20,
        severity: 5,
        time: '2003-08-24T12:14:15.000Z',
        hostname: '192.0.2.1',
        appName: 'myproc',
        procId: '8710',
        message: "%% It's time to make the do-nuts.",
        format: 'rfc5424',
      },
    );
  });

  test('example 3: structured data and a message', () => {
    assert.deepEqual(
      parse(
        '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \uFEFFAn application event log entry...',
      ),
      {
        facility: 20,
        severity: 5,
        time: '2003-10-11T22:14:15.003Z',
        hostname: 'mymachine.example.com',
        appName: 'evntslog',
        msgId: 'ID47',
        structuredData: {
          'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
        },
        message: 'An application event log entry...',
        format: 'rfc5424',
      },
    );
  });

  test('example 4: two structured data elements and no message', () => {
    const parsed = parse(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]',
    );
    assert.deepEqual(parsed.structuredData, {
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      'examplePriority@32473': { class: 'high' },
    });
    assert.equal(parsed.message, '');
  });
});

describe('RFC 5424 details', () => {
  test('NILVALUE everywhere leaves the fields out', () => {
    assert.deepEqual(parse('<14>1 - - - - - - just the message'), {
      facility: 1,
      severity: 6,
      message: 'just the message',
      format: 'rfc5424',
    });
  });

  test('escaped quote, backslash and bracket in values; other backslashes stay', () => {
    const parsed = parse(
      String.raw`<13>1 2026-01-02T03:04:05Z h a p m [x@1 q="say \"hi\"" b="C:\\dir" r="[a\]" o="\n"] msg`,
    );
    assert.deepEqual(parsed.structuredData, { 'x@1': { q: 'say "hi"', b: 'C:\\dir', r: '[a]', o: '\\n' } });
    assert.equal(parsed.message, 'msg');
  });

  test('a parameter given twice keeps both values; an element without parameters is kept', () => {
    const parsed = parse('<13>1 2026-01-02T03:04:05Z h a p m [a@1 ip="1" ip="2"][b@1] x');
    assert.deepEqual(parsed.structuredData, { 'a@1': { ip: ['1', '2'] }, 'b@1': {} });
  });

  test('a hostile SD-ID such as __proto__ is an ordinary key', () => {
    const parsed = parse('<13>1 2026-01-02T03:04:05Z h a p m [__proto__ polluted="yes"] x');
    assert.equal(Object.getPrototypeOf(parsed.structuredData), Object.prototype);
    assert.deepEqual(Object.keys(parsed.structuredData ?? {}), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('malformed structured data stays in the message', () => {
    for (const sd of ['[a@1 x="unterminated] m', '[a@1 x=1] m', '[ a@1 x="1"] m', '[a@1 x="1"]m']) {
      const parsed = parse(`<13>1 2026-01-02T03:04:05Z h a p m ${sd}`);
      assert.equal(parsed.format, 'rfc5424', sd);
      assert.equal(parsed.structuredData, undefined, sd);
      assert.equal(parsed.message, sd, sd);
    }
  });

  test('an invalid timestamp leaves the time out but keeps the other fields', () => {
    const parsed = parse('<13>1 2026-02-30T03:04:05Z h a p m - x');
    assert.equal(parsed.time, undefined);
    assert.equal(parsed.hostname, 'h');
  });

  test('a header cut short, or with fields over their RFC lengths, is not RFC 5424', () => {
    assert.equal(parse('<13>1 2026-01-02T03:04:05Z host app').format, 'rfc3164');
    assert.equal(parse(`<13>1 - - ${'a'.repeat(49)} - - - x`).format, 'rfc3164');
    assert.equal(parse(`<13>1 - - - - ${'m'.repeat(33)} - x`).format, 'rfc3164');
  });

  test('a trailing LF or CRLF is not part of the message', () => {
    assert.equal(parse('<13>1 - - - - - - hello\r\n').message, 'hello');
  });
});

describe('RFC 3164 §5.4 examples', () => {
  test('example 1', () => {
    assert.deepEqual(parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"), {
      facility: 4,
      severity: 2,
      time: '2025-10-11T22:14:15.000Z',
      hostname: 'mymachine',
      appName: 'su',
      message: "'su root' failed for lonvick on /dev/pts/8",
      format: 'rfc3164',
    });
  });

  test('example 2: no PRI and no header, and the same after a relay added them', () => {
    assert.deepEqual(parse('Use the BFG!'), { message: 'Use the BFG!', format: 'unknown' });
    assert.deepEqual(parse('<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!'), {
      facility: 1,
      severity: 5,
      time: '2026-02-05T17:32:18.000Z',
      hostname: '10.0.0.99',
      message: 'Use the BFG!',
      format: 'rfc3164',
    });
  });

  test('example 3: "CST" stands where the hostname goes', () => {
    const line =
      "<165>Aug 24 05:34:00 CST 1987 mymachine myproc[10]: %% It's time to make the do-nuts.  %%  Ingredients: Mix=OK, Jelly=OK # Devices: Mixer=OK, Jelly_Injector=OK, Frier=OK # Transport: Conveyer1=OK, Conveyer2=OK # %%";
    const parsed = parse(line);
    assert.equal(parsed.facility, 20);
    assert.equal(parsed.severity, 5);
    assert.equal(parsed.time, '2025-08-24T05:34:00.000Z');
    assert.equal(parsed.hostname, 'CST');
    assert.equal(parsed.appName, undefined);
    assert.ok(parsed.message.startsWith('1987 mymachine myproc[10]: %%'));
  });

  test('example 4: a valid PRI and an unrecognisable timestamp; all after the PRI is the message', () => {
    assert.deepEqual(
      parse("<0>1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!"),
      {
        facility: 0,
        severity: 0,
        message: "1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!",
        format: 'rfc3164',
      },
    );
  });

  test('example 5: the relayed form of example 4', () => {
    const parsed = parse(
      "<0>Oct 22 10:52:12 scapegoat 1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!",
    );
    assert.equal(parsed.hostname, 'scapegoat');
    assert.equal(parsed.time, '2025-10-22T10:52:12.000Z');
    assert.ok(parsed.message.startsWith('1990 Oct 22 10:52:01 TZ-6'));
  });
});

describe('file and device lines', () => {
  test('a classic log file line without PRI', () => {
    assert.deepEqual(parse('Nov 25 21:29:56 web-1 sshd[123]: Failed password for root from 192.0.2.7'), {
      time: '2025-11-25T21:29:56.000Z',
      hostname: 'web-1',
      appName: 'sshd',
      procId: '123',
      message: 'Failed password for root from 192.0.2.7',
      format: 'rfc3164',
    });
  });

  test('a day padded with a space, and one that is not', () => {
    assert.equal(parse('Nov  5 01:02:03 h p: m').time, '2025-11-05T01:02:03.000Z');
    assert.equal(parse('Nov 5 01:02:03 h p: m').time, '2025-11-05T01:02:03.000Z');
    assert.equal(parse('Mar 05 01:02:03 h p: m').time, '2026-03-05T01:02:03.000Z');
  });

  test('a year before the time, as some devices send, is taken as given', () => {
    assert.equal(parse('Nov 25 2027 21:29:56 fw1 kernel: x').time, '2027-11-25T21:29:56.000Z');
    assert.equal(parse('<189>Nov 25 2024 21:29:56 fw1 kernel: x').hostname, 'fw1');
  });

  test('rsyslog high-precision lines', () => {
    assert.deepEqual(parse('2026-11-25T21:29:56.123456+01:00 host prog[pid]: msg'), {
      time: '2026-11-25T20:29:56.123Z',
      hostname: 'host',
      appName: 'prog',
      procId: 'pid',
      message: 'msg',
      format: 'iso',
    });
    assert.equal(parse('<30>2026-11-25T21:29:56Z host systemd[1]: Started.').format, 'iso');
  });

  test('a tag without a hostname, and a hostname without a tag', () => {
    const noHost = parse('<34>Oct 11 22:14:15 su: nothing');
    assert.equal(noHost.hostname, undefined);
    assert.equal(noHost.appName, 'su');
    const noTag = parse('Oct 11 22:14:15 router1 link down');
    assert.equal(noTag.hostname, 'router1');
    assert.equal(noTag.appName, undefined);
    assert.equal(noTag.message, 'link down');
  });

  test('kernel lines and tags with slashes', () => {
    const parsed = parse('Jan  2 03:04:05 mail postfix/smtpd[42]: connect from unknown');
    assert.equal(parsed.appName, 'postfix/smtpd');
    assert.equal(parsed.procId, '42');
    assert.equal(parse('Jan  2 03:04:05 h kernel: [ 1.23] x').appName, 'kernel');
  });

  test('Cisco IOS: fractional seconds and a colon after the time', () => {
    const parsed = parse('<189>Mar  1 18:46:11.123: %SYS-5-CONFIG_I: Configured from console');
    assert.equal(parsed.time, '2026-03-01T18:46:11.123Z');
    assert.equal(parsed.appName, '%SYS-5-CONFIG_I');
    assert.equal(parsed.message, 'Configured from console');
  });

  test('a space after the PRI is tolerated', () => {
    assert.equal(parse('<34> Oct 11 22:14:15 host app: x').hostname, 'host');
  });

  test('a line with only a timestamp', () => {
    assert.deepEqual(parse('Oct 11 22:14:15'), {
      time: '2025-10-11T22:14:15.000Z',
      message: '',
      format: 'rfc3164',
    });
  });
});

describe('year and time zone of year-less timestamps', () => {
  const at = (line: string, ref: string, offset = 0) =>
    parseSyslog(line, { reference: new Date(ref), timeZoneOffsetMinutes: offset }).time;

  test('December lines read in January belong to the year before', () => {
    assert.equal(at('Dec 31 23:59:59 h a: m', '2027-01-01T00:10:00Z'), '2026-12-31T23:59:59.000Z');
  });

  test('a line up to a day ahead of the reference stays in its year; further ahead goes back a year', () => {
    assert.equal(at('Mar 16 11:59:59 h a: m', '2026-03-15T12:00:00Z'), '2026-03-16T11:59:59.000Z');
    assert.equal(at('Mar 16 12:00:01 h a: m', '2026-03-15T12:00:00Z'), '2025-03-16T12:00:01.000Z');
  });

  test('a sender a little ahead across New Year lands in the new year', () => {
    assert.equal(at('Jan  1 00:00:05 h a: m', '2026-12-31T23:59:58Z'), '2027-01-01T00:00:05.000Z');
  });

  test('February 29 goes back to the last leap year', () => {
    assert.equal(at('Feb 29 10:00:00 h a: m', '2027-03-01T00:00:00Z'), '2024-02-29T10:00:00.000Z');
  });

  test('the offset applies to year-less and year-ful BSD stamps, not to ones that carry their own', () => {
    assert.equal(at('Mar 15 10:00:00 h a: m', '2026-03-15T12:00:00Z', 120), '2026-03-15T08:00:00.000Z');
    assert.equal(at('Mar 15 2026 10:00:00 h a: m', '2026-03-15T12:00:00Z', -60), '2026-03-15T11:00:00.000Z');
    assert.equal(at('2026-03-15T10:00:00Z h a: m', '2026-03-15T12:00:00Z', 120), '2026-03-15T10:00:00.000Z');
  });

  test('the year comes from the reference in the given offset', () => {
    // 23:30 UTC on Dec 31 is already New Year's Day at UTC+1.
    assert.equal(at('Jan  1 00:20:00 h a: m', '2026-12-31T23:30:00Z', 60), '2026-12-31T23:20:00.000Z');
  });

  test('never in the future beyond a day, whatever the date', () => {
    const reference = new Date('2026-06-15T00:00:00Z');
    for (let month = 0; month < 12; month++) {
      const name = new Date(Date.UTC(2000, month, 1)).toLocaleString('en', {
        month: 'short',
        timeZone: 'UTC',
      });
      for (const day of [1, 15, 28]) {
        const time = parseSyslog(`${name} ${day} 12:00:00 h a: m`, { reference }).time;
        assert.ok(
          time !== undefined && Date.parse(time) <= reference.getTime() + 86_400_000,
          `${name} ${day}`,
        );
      }
    }
  });
});

describe('readSyslog: the time as epoch ms, year-less stamps resolved from the last date', () => {
  /** The rule spelt out with Date: the latest year, trying up to eight back, no more than a day after the reference. */
  const naive = (month: number, day: number, time: number, reference: number, offset: number) => {
    const offsetMs = offset * 60_000;
    const referenceYear = new Date(reference + offsetMs).getUTCFullYear();
    for (let year = referenceYear + 1; year >= referenceYear - 8; year--) {
      const date = new Date(Date.UTC(2000, month - 1, day) + time);
      date.setUTCFullYear(year, month - 1, day);
      if (date.getUTCDate() !== day) continue;
      if (date.getTime() - offsetMs <= reference + 86_400_000) return date.getTime() - offsetMs;
    }
    return undefined;
  };
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  test('agrees with the rule for every date, around New Year and leap days, whatever the order of lines', () => {
    const references = [
      '2026-12-31T23:30:00Z',
      '2027-01-01T00:10:00Z',
      '2028-02-28T12:00:00Z',
      '2026-06-15T00:00:00Z',
    ];
    const times = [0, 1, 12 * 3_600_000 + 1, 23 * 3_600_000 + 59 * 60_000 + 59_000 + 999, 30 * 60_000 + 5000];
    for (const iso of references) {
      const reference = Date.parse(iso);
      for (const offset of [0, 60, -300]) {
        for (let month = 1; month <= 12; month++) {
          for (const day of [1, 2, 15, 28, 29, 30, 31]) {
            for (const time of times) {
              const clock = new Date(time).toISOString().slice(11, 23);
              const line = `${names[month - 1]} ${day} ${clock} h a: m`;
              const record = readSyslog(line, { reference, timeZoneOffsetMinutes: offset });
              assert.equal(
                record.millis,
                naive(month, day, time, reference, offset),
                `${line} @ ${iso} ${offset}`,
              );
            }
          }
        }
      }
    }
  });

  test('parseSyslog gives the same instant as ISO text, and takes the reference as ms too', () => {
    const line = 'Nov 25 21:29:56.250 host sshd[7]: hello';
    const record = readSyslog(line, { reference: Date.parse('2026-12-01T00:00:00Z') });
    assert.equal(record.millis, Date.parse('2026-11-25T21:29:56.250Z'));
    assert.deepEqual(parseSyslog(line, { reference: Date.parse('2026-12-01T00:00:00Z') }), {
      time: '2026-11-25T21:29:56.250Z',
      hostname: 'host',
      appName: 'sshd',
      procId: '7',
      message: 'hello',
      format: 'rfc3164',
    });
  });
});

describe('garbage and hostile input', () => {
  test('lines with nothing recognisable are kept whole', () => {
    for (const line of [
      '',
      '<',
      '<>',
      '<999>x',
      '<1a>x',
      '12345',
      'Foo 12 12:00:00 h',
      'Nov 32 12:00:00 h a: m',
    ]) {
      const parsed = parse(line);
      assert.equal(parsed.format, 'unknown', line);
      assert.equal(parsed.message, line, line);
    }
  });

  test('a PRI with nothing after it', () => {
    assert.deepEqual(parse('<34>'), { facility: 4, severity: 2, message: '', format: 'rfc3164' });
  });

  test('invalid clock values are not times', () => {
    for (const line of ['Nov 25 24:00:00 h a: m', 'Nov 25 23:60:00 h a: m', '2026-13-01T00:00:00Z h a: m']) {
      assert.equal(parse(line).time, undefined, line);
    }
  });

  test('a 1 MB line of each shape is parsed in a few milliseconds', () => {
    const mb = 1024 * 1024;
    const lines = [
      'x'.repeat(mb),
      '<'.repeat(mb),
      '['.repeat(mb),
      `<13>1 - - - - - ${'[a'.repeat(mb / 2)}`,
      `<13>1 - - - - - [a b="${'\\'.repeat(mb)}`,
      `<13>1 - - - - - ${'[a b="c"]'.repeat(mb / 9)}`,
      `Nov 25 21:29:56 ${'h'.repeat(mb)}`,
      `Nov 25 21:29:56 host ${'a['.repeat(mb / 2)}`,
      `2026-11-25T21:29:56.${'1'.repeat(mb)}Z x`,
      ' '.repeat(mb),
      '1 '.repeat(mb / 2),
    ];
    for (const line of lines) {
      const started = performance.now();
      const parsed = parse(line);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 100, `${line.slice(0, 20)}… took ${elapsed.toFixed(1)} ms`);
      assert.ok(parsed.message.length <= line.length);
    }
  });

  test('structured data stops at 64 elements and stays in the message beyond', () => {
    const sd = '[a b="c"]'.repeat(65);
    const parsed = parse(`<13>1 - - - - - ${sd} m`);
    assert.equal(parsed.structuredData, undefined);
    assert.equal(parsed.message, `${sd} m`);
  });
});
