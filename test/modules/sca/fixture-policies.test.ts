import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ScaCheckResult, ScaPolicyRun, ScaResult } from '../../../src/protocol/sca.ts';
import { compilePattern } from '../../../src/modules/sca/compile-pattern.ts';
import { createLocalHost } from '../../../src/modules/sca/create-local-host.ts';
import { loadPolicyFile, parsePolicy } from '../../../src/modules/sca/load-policy.ts';
import { osRegexToRe2 } from '../../../src/modules/sca/os-regex.ts';
import { resolveUnderRoot } from '../../../src/modules/sca/resolve-under-root.ts';
import { runPolicy } from '../../../src/modules/sca/run-policy.ts';
import { splitCommand } from '../../../src/modules/sca/split-command.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/sca/', import.meta.url));
const root = join(fixtures, 'root');

const P = 'passed';
const F = 'failed';
const NA = 'not_applicable';

/*
 * What each check of fixture-5x.yml must give on the fixture root, reasoned from the semantics
 * (Wazuh 5.x, with Vigil's deliberate differences), not read off the engine. The comment says
 * which line of which fixture file decides.
 */
const expected5x: Record<number, ScaResult> = {
  1001: P, // sshd_config is a regular file
  1002: F, // missing file: not found
  1003: P, // not + not found
  1004: F, // 5.x: a directory is no regular file, not found
  1005: P, // "!f:" is "f:"
  1010: P, // line 4 "PermitRootLogin no\r": CR stripped, $ matches
  1011: P, // 5.x regex caseless
  1012: F, // ^PermitRootLogin only on line 4 ("no"), yes on 2 (comment) and 7
  1013: P, // line 4
  1014: P, // no line starts with PermitEmptyPasswords
  1015: F, // lines 1, 2 and 8 are comments: 5.x "no line matches" fails
  1016: F, // line 7 X11Forwarding yes, negated
  1017: P, // PermitRootLogin yes only after "# ", negated not found
  1018: NA, // content rule on a missing file: invalid, not is no help
  1019: NA, // a directory read as a file: invalid
  1020: NA, // regex does not compile
  1021: NA, // lookahead refused
  1022: P, // "PASS_MIN_DAYS\t1": \h is the tab
  1023: P, // "UMASK\t\t027"
  1024: F, // toor:x:0:0 on line 4
  1025: F, // nopass:: on line 4
  1030: P, // ip_forward is "0"
  1031: P, // line 4 equals after the CR is stripped
  1032: F, // 5.x literal is case-sensitive
  1033: F, // literal is a whole line
  1034: F, // ostype is "Linux"
  1040: F, // 99999 <= 365 false
  1041: P, // 99999 > 365
  1042: P, // 1 >= 1
  1043: F, // 1 < 1 false
  1044: P, // 7 == 7
  1045: F, // 7 != 7 false
  1046: NA, // "YESCRYPT" is no number
  1047: NA, // "=>" is no 5.x operator
  1048: P, // no PASS_NOPE line: not found, negated
  1049: P, // MaxStartups 10:30:60, 30 <= 30
  1050: P, // ucredit = -1, -1 <= -1
  1051: P, // MaxAuthTries 4 (CRLF line), 4 <= 4
  1052: P, // "#PASS_MAX_DAYS 30" on line 2, 30 <= 365
  1053: NA, // no group: the whole match "LOGIN_RETRIES 5" is no number
  1060: P, // empty file exists
  1061: F, // empty content never matches
  1062: P, // empty content: not found, negated
  1070: P, // rules.d is a directory
  1071: F, // missing directory: not found
  1072: F, // 5.x: a regular file is no directory, not found
  1073: P, // extra/deep/30-time.rules
  1074: P, // caseless name regex: extra/20-identity.rules
  1075: P, // extra/20-identity.rules
  1076: F, // 5.x plain names are exact; no file is named "identity"
  1077: F, // 99-hidden.rules only behind the symlinked dir "linked"
  1078: P, // extra/deep/30-time.rules line 2
  1079: F, // hidden-marker only in opt/hidden, behind "linked"
  1080: P, // extra/20-identity.rules line 3
  1081: NA, // pattern on a missing directory: invalid
  1082: NA, // pattern on a regular file: invalid
  1083: P, // extra/20-identity.rules
  1084: P, // linked -> /opt/hidden, inside the root
  1085: P, // opt/hidden/99-hidden.rules
  1086: P, // no .conf under rules.d, negated
  1090: P, // pwquality.conf.d/50-vigil.conf "minlen = 14"
  1091: P, // pwquality.conf.d/10-extra.conf "minclass = 4"
  1092: F, // glob names no file: not found
  1093: F, // no maxrepeat line in either .conf
  1100: P, // second file of the list matches
  1101: F, // neither exists: not found
  1102: NA, // one missing (invalid), the other has no match
  1103: P, // second directory exists
  1110: P, // Port 2222 on line 3
  1111: P, // $ssh_dir before $ssh
  1112: P, // 10-extra.conf minclass
  1113: P, // ^PermitRootLogin\s+no$ after replacement
  1120: P, // /etc/alt/sshd_link -> /etc/ssh/sshd_config in the root
  1121: P, // the fixture passwd's root line
  1122: P, // the host's root line is not read
  1130: P, // all: pass, pass
  1131: NA, // all: pass, n/a
  1132: F, // all: pass, fail, n/a
  1133: P, // any: fail, n/a, pass
  1134: F, // any: fail, fail
  1135: NA, // any: fail, n/a
  1136: F, // none: fail, n/a, pass
  1137: NA, // none: fail, n/a
  1138: P, // none: fail, fail
  1140: NA, // unknown type
  1141: NA, // too many "->"
  1142: NA, // registry
  1143: NA, // command under a root
  1144: NA, // not + command under a root
  1145: NA, // process under a root
  1146: NA, // not + process under a root
  1147: P, // any: n/a, pass
  1148: NA, // command without a pattern, under a root
};

/** The same for fixture-4x.yml, from Wazuh 4.x (OSRegex) with Vigil's deliberate differences. */
const expected4x: Record<number, ScaResult> = {
  2001: P, // 4.x lone !r:^#: line 3 "Port 2222" is no comment
  2002: F, // empty file: no lines
  2003: P, // caseless literal equals line 4 (CR stripped)
  2004: F, // whole-line literal
  2005: P, // caseless literal "linux" = "Linux"
  2006: P, // OSRegex caseless, line 4
  2007: F, // never on the same line
  2008: P, // line 4
  2009: P, // hosts line 1
  2010: F, // "." is literal; line 2 is 127-0-0-9
  2011: F, // "*" after "t" is a literal star
  2012: P, // "minlen = 12": \p is "="
  2013: P, // Ciphers line
  2014: P, // svc-deploy: \w includes "-"
  2015: P, // \s is no tab: no line matches, negated
  2016: F, // 99999 <= 365 false (the whole number is captured)
  2017: P, // 7 >= 5
  2018: P, // 1 <= 3
  2019: P, // 5 == 5
  2020: F, // 5 != 5 false
  2021: P, // 5 >= 3
  2022: P, // -1 <= -1
  2023: NA, // "YESCRYPT" is no number
  2024: F, // root 99999 > 365 on line 1, negated
  2025: P, // UMASK<tab><tab>027
  2026: NA, // "\/" is no OSRegex escape
  2027: F, // PCRE2 in 4.x is case-sensitive
  2028: P, // line 4
  2029: P, // substring of 20-identity.rules
  2030: P, // extra/deep/30-time.rules
  2031: F, // no name starts with "time"
  2032: P, // extra/20-identity.rules line 3
  2033: P, // extra/20-identity.rules line 1
  2034: F, // symlinked directory not descended
  2035: P, // 40-link.rules -> 10-base.rules line 3
  2036: F, // "$ssh_option" is not replaced in the pattern
  2037: P, // 10-extra.conf
  2038: NA, // 4.x: existence of a directory as a file is invalid
  2039: NA, // 4.x: existence of a file as a directory is invalid
  2040: P, // the fixture passwd is read
  2041: NA, // command under a root
  2042: P, // none: fail, fail
  2043: NA, // any: fail, n/a
  2044: F, // all: pass, fail, n/a
  2045: P, // second file matches
};

function byId(run: ScaPolicyRun): Map<number, ScaCheckResult> {
  return new Map(run.results.map((result) => [result.checkId, result]));
}

function assertResults(run: ScaPolicyRun, expected: Record<number, ScaResult>): void {
  const ids = run.results.map((result) => result.checkId).sort((a, b) => a - b);
  assert.deepEqual(
    ids,
    Object.keys(expected)
      .map(Number)
      .sort((a, b) => a - b),
    'every check of the policy has an expected result, and no more',
  );
  const wrong = run.results
    .filter((result) => result.result !== expected[result.checkId])
    .map(
      (result) =>
        `${result.checkId} ${result.name}: expected ${expected[result.checkId]}, got ${result.result} (${result.rules
          .map((rule) => rule.evidence)
          .join(' | ')})`,
    );
  assert.deepEqual(wrong, [], wrong.join('\n'));
  for (const result of run.results) {
    for (const rule of result.rules) assert.notEqual(rule.evidence, '', `${result.checkId}: evidence`);
    if (result.result === 'not_applicable') assert.ok(result.reason, `${result.checkId}: a reason`);
    else assert.equal(result.reason, undefined);
  }
}

function evidence(run: ScaPolicyRun, checkId: number, index = 0): string {
  const rule = byId(run).get(checkId)?.rules[index];
  assert.ok(rule, `check ${checkId} rule ${index}`);
  return rule.evidence;
}

describe('fixture policies on the fixture root', () => {
  test('5.x: every check gives the result reasoned from the semantics', async () => {
    const policy = await loadPolicyFile(join(fixtures, 'fixture-5x.yml'));
    assert.equal(policy.format, '5.x');
    assert.ok(policy.checks.length >= 40);
    const run = await runPolicy(policy, createLocalHost({ root }));
    assert.equal(run.applicable, true);
    assertResults(run, expected5x);

    // Evidence names the deciding file and line.
    assert.equal(evidence(run, 1010), '/etc/ssh/sshd_config:4: "PermitRootLogin no"');
    assert.equal(evidence(run, 1024), '/etc/passwd:4: "toor:x:0:0::/root2:/bin/sh"');
    assert.equal(evidence(run, 1049), '/etc/ssh/sshd_config:12: "MaxStartups 10:30:60"');
    assert.equal(evidence(run, 1052), '/etc/login.defs:2: "#PASS_MAX_DAYS 30"');
    assert.match(evidence(run, 1073), /^\/etc\/audit\/rules\.d\/extra\/deep\/30-time\.rules matches/);
    assert.match(
      evidence(run, 1078),
      /^\/etc\/audit\/rules\.d\/extra\/deep\/30-time\.rules:2: "-a always,exit/,
    );
    assert.equal(
      evidence(run, 1080),
      '/etc/audit/rules.d/extra/20-identity.rules:3: "-w /etc/shadow -p wa -k identity"',
    );
    assert.match(evidence(run, 1083), /^\/etc\/audit\/rules\.d\/extra\/20-identity\.rules matches/);
    assert.match(
      evidence(run, 1090),
      /^\/etc\/security\/pwquality\.conf\.d\/50-vigil\.conf:1: "minlen = 14"/,
    );
    assert.match(evidence(run, 1091), /^\/etc\/security\/pwquality\.conf\.d\/10-extra\.conf:1:/);
    assert.equal(evidence(run, 1120), '/etc/alt/sshd_link:3: "Port 2222"');
    assert.match(evidence(run, 1121), /^\/etc\/escape-passwd:1: "root:x:0:0:fixture-root:/);
    assert.match(evidence(run, 1014), /no line matches r:\^PermitEmptyPasswords/);

    // Not applicable says why.
    const reason = (id: number) => byId(run).get(id)?.reason ?? '';
    assert.match(reason(1140), /invalid rule/);
    assert.match(reason(1141), /invalid rule/);
    assert.match(reason(1142), /Windows/);
    assert.match(reason(1143), /commands are not run when auditing/);
    assert.match(reason(1145), /when auditing/);
    assert.match(reason(1046), /YESCRYPT/);
    assert.match(reason(1020), /not a valid pcre2 pattern/);
    assert.match(reason(1021), /lookaround/);
    assert.match(reason(1019), /directory/);
    assert.equal(run.counts.passed + run.counts.failed + run.counts.not_applicable, policy.checks.length);
  });

  test('4.x: every check gives the result reasoned from the semantics', async () => {
    const policy = await loadPolicyFile(join(fixtures, 'fixture-4x.yml'));
    assert.equal(policy.format, '4.x');
    assert.equal(policy.regex, 'osregex');
    assert.ok(policy.checks.length >= 10);
    const run = await runPolicy(policy, createLocalHost({ root }));
    assert.equal(run.applicable, true);
    assertResults(run, expected4x);

    assert.equal(evidence(run, 2001), '/etc/ssh/sshd_config:3: "Port 2222"');
    assert.equal(
      evidence(run, 2024),
      '/etc/shadow:1: "root:$y$j9T$fixturesalt$fixturehash:19700:0:99999:7:::"',
    );
    assert.equal(
      evidence(run, 2032),
      '/etc/audit/rules.d/extra/20-identity.rules:3: "-w /etc/shadow -p wa -k identity"',
    );
    assert.equal(evidence(run, 2035), '/etc/audit/rules.d/extra/40-link.rules:3: "-b 8192"');
    assert.match(evidence(run, 2016), /has no line matching/);
    assert.match(byId(run).get(2026)?.reason ?? '', /not an OSRegex escape/);
  });

  test('requirements not met: every check is not applicable, with the reason', async () => {
    const policy = await loadPolicyFile(join(fixtures, 'fixture-unmet.yml'));
    const run = await runPolicy(policy, createLocalHost({ root }));
    assert.equal(run.applicable, false);
    assert.equal(run.requirements[0]?.state, 'invalid'); // no /etc/debian_version in the root
    assert.ok(run.results.length >= 2);
    for (const result of run.results) {
      assert.equal(result.result, NA);
      assert.match(result.reason ?? '', /does not meet the policy's requirements/);
    }
    assert.equal(run.score, null);

    // 4.x, with a requirement that fails rather than cannot be evaluated.
    const legacy = parsePolicy(
      [
        'policy: { id: unmet_4x, name: Unmet 4.x }',
        'requirements:',
        '  title: Darwin only',
        '  description: The fixture is Linux.',
        '  condition: any',
        '  rules: ["f:/proc/sys/kernel/ostype -> r:^Darwin"]',
        'checks:',
        '  - { id: 1, title: would pass, condition: all, rules: ["f:/etc/passwd"] }',
      ].join('\n'),
      'inline',
    );
    const legacyRun = await runPolicy(legacy, createLocalHost({ root }));
    assert.equal(legacyRun.requirements[0]?.verdict, 'failed');
    assert.deepEqual(
      legacyRun.results.map((result) => result.result),
      [NA],
    );
  });

  test('an unreadable file: invalid even under not, as is a directory read as a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-sca-'));
    try {
      await mkdir(join(dir, 'etc', 'conf.d'), { recursive: true });
      await writeFile(join(dir, 'etc', 'secret.conf'), 'key = value\n');
      await chmod(join(dir, 'etc', 'secret.conf'), 0o000);
      await symlink('/etc/conf.d', join(dir, 'etc', 'link.conf'));
      const policy = parsePolicy(
        [
          'policy: { id: unreadable, name: Unreadable }',
          'checks:',
          '  - { id: 1, name: dir as file, condition: all, rules: ["not f:/etc/conf.d -> r:key"] }',
          '  - { id: 2, name: link to dir as file, condition: all, rules: ["f:/etc/link.conf -> r:key"] }',
          '  - { id: 3, name: unreadable, condition: all, rules: ["not f:/etc/secret.conf -> r:nothing"] }',
        ].join('\n'),
        'inline',
      );
      const run = await runPolicy(policy, createLocalHost({ root: dir }));
      const results = run.results.map((result) => result.result);
      assert.deepEqual(results.slice(0, 2), [NA, NA]);
      // chmod 000 does not stop root; as another user the file cannot be read and the rule is invalid.
      assert.equal(results[2], process.getuid?.() === 0 ? P : NA);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('splitCommand', () => {
  test('words as a POSIX shell splits them, nothing else', () => {
    assert.deepEqual(splitCommand('sshd -T'), ['sshd', '-T']);
    assert.deepEqual(splitCommand('  a   b\tc\n d '), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitCommand(`sh -c "grep -q 'x y' /etc/a | wc -l"`), [
      'sh',
      '-c',
      "grep -q 'x y' /etc/a | wc -l",
    ]);
    assert.deepEqual(splitCommand(`echo 'a "b" \\c'`), ['echo', 'a "b" \\c']);
    assert.deepEqual(splitCommand('echo "a \\"b\\" \\$HOME \\\\ \\n"'), ['echo', 'a "b" $HOME \\ \\n']);
    assert.deepEqual(splitCommand('echo a\\ b \\"c'), ['echo', 'a b', '"c']);
    assert.deepEqual(splitCommand(`echo "" ''`), ['echo', '', '']);
    assert.deepEqual(splitCommand('echo a"b c"d'), ['echo', 'ab cd']);
    // No shell: these are arguments, not operators.
    assert.deepEqual(splitCommand('ls $HOME | wc > /tmp/x; rm *'), [
      'ls',
      '$HOME',
      '|',
      'wc',
      '>',
      '/tmp/x;',
      'rm',
      '*',
    ]);
    assert.deepEqual(splitCommand(''), []);
    assert.throws(() => splitCommand('echo "open'), /unterminated " quote/);
    assert.throws(() => splitCommand("echo 'open"), /unterminated ' quote/);
  });
});

describe('OSRegex translation', () => {
  const os = (pattern: string) => compilePattern(pattern, 'osregex', true);
  test('\\w includes - and @, \\s is a space only, \\p is punctuation', () => {
    assert.ok(os('^\\w+$').test('svc-deploy@ci_1'));
    assert.ok(!os('^\\w+$').test('a.b'));
    assert.ok(os('^a\\sb$').test('a b'));
    assert.ok(!os('^a\\sb$').test('a\tb'));
    assert.ok(os('^a\\tb$').test('a\tb'));
    assert.ok(os('^\\p+$').test('=<>!'));
    assert.ok(!os('\\p').test('a/b'));
    assert.ok(os('^a\\.c$').test('a/c'));
    assert.ok(os('^\\S+\\s\\d+$').test('x=1 22'));
  });
  test('* and + after a literal are literal; . is a dot', () => {
    assert.ok(os('^ab*$').test('ab*'));
    assert.ok(!os('^ab*$').test('abbb'));
    assert.ok(!os('^ab*$').test('a'));
    assert.ok(os('^a+$').test('a+'));
    assert.ok(os('127.0.0.1').test('127.0.0.1'));
    assert.ok(!os('127.0.0.1').test('127x0x0x1'));
    assert.ok(os('^[x]{2}?$').test('[x]{2}?'));
  });
  test('matching ignores case', () => {
    assert.ok(os('^permitrootlogin\\s+NO$').test('PermitRootLogin no'));
  });
  test('^ and $ anchor alternatives; other escapes are errors', () => {
    assert.ok(os('^a$|^b$').test('b'));
    assert.ok(!os('^a$|^b$').test('ab'));
    assert.ok(os('a$b').test('a$b'));
    assert.ok(os('\\$\\(\\)\\|').test('$()|'));
    for (const bad of ['\\/', '\\-', '\\*', '\\n', '\\+'])
      assert.throws(() => osRegexToRe2(`a${bad}`), /OSRegex/);
  });
  test('captures: a repeat stops where the next token matches, and runs to the end when nothing follows', () => {
    assert.equal(os('^PASS_MAX_DAYS\\s*\\t*(\\d+)').capture('PASS_MAX_DAYS\t99999'), '99999');
    assert.equal(os('^INACTIVE=(\\d+)').capture('INACTIVE=99'), '99');
    assert.equal(os('^maxstartups\\s+\\d+:(\\d+):\\d+').capture('maxstartups 10:30:60'), '30');
    assert.equal(os('^\\w+:\\S*:\\d*:\\d*:(\\d+)').capture('root:$y$x:19700:0:99999:7:::'), '99999');
    assert.equal(os('^(\\d+)\\s*$').capture('123  '), '123');
    assert.equal(os('^a\\s*=\\s*(\\S+)').capture('a = -1'), '-1');
  });
});

describe('PCRE2 translation', () => {
  const pcre = (pattern: string) => compilePattern(pattern, 'pcre2', true);
  test('\\h, \\H, \\Z and \\e', () => {
    assert.ok(pcre('^a\\h+b$').test('a \t b'));
    assert.ok(!pcre('^a\\h+b$').test('a\nb'));
    assert.ok(pcre('^a[\\h]b$').test('a\tb'));
    assert.ok(pcre('^\\H+$').test('abc'));
    assert.ok(pcre('end\\Z').test('the end'));
    assert.ok(!pcre('end\\Z').test('end.'));
    assert.ok(pcre('^\\e').test('\x1b[0m'));
  });
  test('possessive quantifiers and atomic groups run as plain ones', () => {
    assert.ok(pcre('^a++b$').test('aaab'));
    assert.ok(pcre('^\\d*+$').test('123'));
    assert.ok(pcre('^(?>ab|a)c$').test('abc'));
    assert.ok(pcre('^a\\++$').test('a+++'));
  });
  test('lookaround and backreferences are refused', () => {
    for (const bad of ['a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b'])
      assert.throws(() => pcre(bad), /lookaround is not supported/);
    assert.throws(() => pcre('(a)\\1'), /backreferences are not supported/);
    // A named group is no lookbehind.
    assert.ok(pcre('(?<n>a)b').test('ab'));
  });
  test('POSIX classes, caseless when asked', () => {
    assert.ok(pcre('^[[:alpha:]]+$').test('Hello'));
    assert.ok(!pcre('^[[:alpha:]]+$').test('Hello1'));
    assert.ok(pcre('^[[:digit:][:space:]]+$').test('1 2'));
    assert.ok(pcre('^[]a]+$').test(']a'));
    assert.ok(pcre('^PERMIT').test('permitrootlogin'));
    assert.ok(!compilePattern('^PERMIT', 'pcre2', false).test('permitrootlogin'));
    assert.equal(pcre('^x\\s+(\\d+)').capture('x 42 y'), '42');
    assert.equal(pcre('\\d+').capture('x 42 y'), '42');
    assert.throws(() => pcre('a('), /not a valid pcre2 pattern/);
  });
});

describe('resolveUnderRoot', () => {
  test('links and .. never leave the root', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-root-'));
    try {
      await mkdir(join(dir, 'etc', 'sub'), { recursive: true });
      await writeFile(join(dir, 'etc', 'passwd'), 'inside\n');
      await symlink('../../../../../../etc/passwd', join(dir, 'etc', 'sub', 'up'));
      await symlink('/etc/passwd', join(dir, 'etc', 'abs'));
      await symlink('/', join(dir, 'etc', 'slash'));
      await symlink('loop', join(dir, 'etc', 'loop'));
      await symlink('sub/../../..', join(dir, 'etc', 'dots'));
      assert.equal(await resolveUnderRoot(dir, '/etc/sub/up'), join(dir, 'etc', 'passwd'));
      assert.equal(await resolveUnderRoot(dir, '/etc/abs'), join(dir, 'etc', 'passwd'));
      assert.equal(await resolveUnderRoot(dir, '/../../etc/passwd'), join(dir, 'etc', 'passwd'));
      assert.equal(await resolveUnderRoot(dir, '/etc/slash/etc/passwd'), join(dir, 'etc', 'passwd'));
      assert.equal(await resolveUnderRoot(dir, '/etc/dots/etc/passwd'), join(dir, 'etc', 'passwd'));
      assert.equal(await resolveUnderRoot(dir, '/etc/missing/x'), join(dir, 'etc', 'missing', 'x'));
      await assert.rejects(resolveUnderRoot(dir, '/etc/loop'), { code: 'ELOOP' });
      // The fixture's own escaping link.
      assert.equal(await resolveUnderRoot(root, '/etc/escape-passwd'), join(root, 'etc', 'passwd'));
      assert.equal(await resolveUnderRoot(root, '/etc/audit/rules.d/linked'), join(root, 'opt', 'hidden'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
