import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { collectSudoRules } from '../../../src/modules/inventory/collect-sudo-rules.ts';
import { parseSudoers } from '../../../src/modules/inventory/parse-sudoers.ts';
import { resolveSudoRules } from '../../../src/modules/inventory/resolve-sudo-rules.ts';
import type { SudoRule } from '../../../src/protocol/inventory.ts';
import { createFixtureTree } from './fixture-tree.ts';

const brief = (rule: SudoRule) =>
  `${rule.principal}${rule.alias === undefined ? '' : ` [${rule.alias}]`} ${rule.hosts}=(${rule.runAs}) ${
    rule.nopasswd ? 'NOPASSWD ' : ''
  }${rule.commands.join(' | ')} @${rule.file}:${rule.line}`;

test('sudoers tree: rules, aliases, Defaults, includes, files sudo skips', async () => {
  const tree = createFixtureTree();
  try {
    const { rules, problems } = await collectSudoRules(tree.root);
    assert.deepEqual(rules.map(brief), [
      'root ALL=(ALL:ALL) ALL @/etc/sudoers:17',
      '%sudo ALL=(ALL:ALL) ALL @/etc/sudoers:20',
      '#1000 ALL=(root) /usr/bin/apt update @/etc/sudoers:21',
      'alice WEBSERVERS=(www-data) NOPASSWD /usr/bin/tail -f /var/log/nginx/* @/etc/sudoers:22',
      'bob WEBSERVERS=(www-data) NOPASSWD /usr/bin/tail -f /var/log/nginx/* @/etc/sudoers:22',
      'alice WEBSERVERS=(www-data) /usr/bin/vim /etc/nginx/nginx.conf @/etc/sudoers:22',
      'bob WEBSERVERS=(www-data) /usr/bin/vim /etc/nginx/nginx.conf @/etc/sudoers:22',
      'alice ALL=(ALL) /usr/bin/id @/etc/sudoers:22',
      'bob ALL=(ALL) /usr/bin/id @/etc/sudoers:22',
      'deploy [DEPLOYERS] ALL=(root) NOPASSWD RESTART @/etc/sudoers:24',
      '%ci [DEPLOYERS] ALL=(root) NOPASSWD RESTART @/etc/sudoers:24',
      'ops1 [OPERATORS] ALL=(root) NOPASSWD /usr/local/bin/backup --target=s3 @/etc/sudoers:25',
      'ops2 [OPERATORS] ALL=(root) NOPASSWD /usr/local/bin/backup --target=s3 @/etc/sudoers:25',
      '%#27 ALL=(root) /usr/bin/whoami @/etc/sudoers:26',
      '%admin ALL=(ALL) NOPASSWD ALL @/etc/sudoers.d/10-admins:1',
      'backup ALL=(root) NOPASSWD /usr/bin/rsync @/etc/local.sudoers:2',
    ]);
    assert.deepEqual(problems, ['/etc/sudoers:27: statement not understood']);
  } finally {
    tree.dispose();
  }
});

test('sudoers: no file means no rules and no problem', async () => {
  const root = mkdtempSync(join(tmpdir(), 'vigil-sudo-'));
  try {
    assert.deepEqual(await collectSudoRules(root), { rules: [], problems: [] });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('sudoers: include loops, escapes above root and hostile sizes are contained', async () => {
  const root = mkdtempSync(join(tmpdir(), 'vigil-sudo-'));
  try {
    mkdirSync(join(root, 'etc'));
    writeFileSync(
      join(root, 'etc/sudoers'),
      [
        '#include /etc/sudoers',
        '@include ../../../../etc/other',
        '#includedir /nonexistent',
        'alice ALL = ALL',
        `bob ALL = /bin/${'x'.repeat(70_000)}`,
      ].join('\n'),
    );
    writeFileSync(join(root, 'etc/other'), '#include sudoers\ncarol ALL = NOPASSWD: ALL\n');
    const { rules, problems } = await collectSudoRules(root);
    assert.deepEqual(
      rules.map((rule) => [rule.principal, rule.file]),
      [
        ['carol', '/etc/other'],
        ['alice', '/etc/sudoers'],
      ],
    );
    assert.deepEqual(problems, ['/etc/sudoers:5: line longer than 65536 characters']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('sudoers: PASSWD beats Defaults !authenticate, user Defaults beat global ones, later beats earlier', () => {
  const entries = parseSudoers(
    [
      'Defaults !authenticate',
      'Defaults:alice authenticate',
      'Defaults authenticate',
      'Defaults !authenticate',
      'alice ALL = /bin/a',
      'bob ALL = /bin/b',
      'carol ALL = PASSWD: /bin/c',
    ].join('\n'),
  );
  const rules = resolveSudoRules(entries.map((entry) => ({ file: '/etc/sudoers', entry })));
  assert.deepEqual(
    rules.map((rule) => [rule.principal, rule.nopasswd]),
    [
      ['alice', false],
      ['bob', true],
      ['carol', false],
    ],
  );
});

test('sudoers: aliases that nest or loop expand once and terminate', () => {
  const lines = ['User_Alias A0 = x, A0'];
  for (let i = 1; i < 40; i++) lines.push(`User_Alias A${i} = A${i - 1}, A${i - 1}, A${i - 1}, y${i}`);
  lines.push('A39 ALL = ALL');
  const started = performance.now();
  const rules = resolveSudoRules(parseSudoers(lines.join('\n')).map((entry) => ({ file: 'f', entry })));
  assert.ok(performance.now() - started < 1000);
  assert.ok(rules.length > 0 && rules.length <= 41);
  assert.equal(new Set(rules.map((rule) => rule.principal)).size, rules.length);
});

test('sudoers: comments, escapes and quoting', () => {
  const entries = parseSudoers(
    [
      '# plain comment',
      '   # indented comment',
      '#includedirectory is a comment, not a directive',
      'Defaults\tsecure_path="/usr/sbin:/usr/bin" # trailing',
      '%#1000, #0 ALL = (:wheel) /bin/echo a\\,b\\:c\\=d \\# e # comment',
    ].join('\r\n'),
  );
  assert.deepEqual(entries, [
    {
      type: 'rule',
      line: 5,
      principals: ['%#1000', '#0'],
      hosts: 'ALL',
      runAs: ':wheel',
      commands: ['/bin/echo a,b:c=d # e'],
      nopasswd: undefined,
    },
  ]);
});

test('sudoers: the Debian and RHEL default files parse without problems', () => {
  const debian = [
    '# See the man page for details on how to write a sudoers file.',
    'Defaults\tenv_reset',
    'Defaults\tsecure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
    '# (#1011624, https://bugs.kde.org/show_bug.cgi?id=452532)',
    'Defaults\tuse_pty',
    '#Defaults:%sudo env_keep += "http_proxy https_proxy ftp_proxy all_proxy no_proxy"',
    'root\tALL=(ALL:ALL) ALL',
    '%sudo\tALL=(ALL:ALL) ALL',
    '@includedir /etc/sudoers.d',
  ];
  const rhel = [
    '## Command Aliases',
    'Cmnd_Alias SOFTWARE = /bin/rpm, /usr/bin/up2date, /usr/bin/yum',
    'Defaults   !visiblepw',
    'Defaults    always_set_home',
    'Defaults    env_keep =  "COLORS DISPLAY HOSTNAME HISTSIZE KDEDIR LS_COLORS"',
    'Defaults    env_keep += "LC_TIME LC_ALL LANGUAGE LINGUAS _XKB_CHARSET XAUTHORITY"',
    'Defaults    secure_path = /sbin:/bin:/usr/sbin:/usr/bin',
    'root\tALL=(ALL) \tALL',
    '%wheel\tALL=(ALL)\tALL',
    '# %wheel\tALL=(ALL)\tNOPASSWD: ALL',
    '## Read drop-in files from /etc/sudoers.d (the # here does not mean a comment)',
    '#includedir /etc/sudoers.d',
  ];
  for (const file of [debian, rhel]) {
    const entries = parseSudoers(file.join('\n'));
    assert.deepEqual(
      entries.map((entry) => entry.type),
      ['rule', 'rule', 'include'],
    );
  }
});
