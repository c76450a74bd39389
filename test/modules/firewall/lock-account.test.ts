import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lockAccount } from '../../../src/modules/firewall/lock-account.ts';
import type { ToolRunner } from '../../../src/modules/firewall/run-tool.ts';
import { needs } from '../../helpers/requirements.ts';

function fixture(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const passwdFile = join(dir, 'passwd');
  writeFileSync(
    passwdFile,
    [
      'root:x:0:0:root:/root:/bin/bash',
      'toor:x:0:0:root again:/root:/bin/sh',
      'vigil:x:990:990:Vigil agent:/var/lib/vigil-agent:/usr/sbin/nologin',
      'alice:x:1000:1000::/home/alice:/bin/bash',
      '',
    ].join('\n'),
  );
  const calls: string[][] = [];
  const run: ToolRunner = (program, args) => {
    calls.push([program, ...args]);
    return Promise.resolve({ code: 0, stdout: '', stderr: '' });
  };
  return { passwdFile, calls, run };
}

test('root, any other uid-0 account and the agent’s own account are refused before anything runs', async (t) => {
  const { passwdFile, calls, run } = fixture(t);
  const options = { passwdFile, run, selfUid: 990 };
  await assert.rejects(lockAccount('root', options), /refusing to lock root: it has uid 0/);
  await assert.rejects(lockAccount('toor', options), /refusing to lock toor: it has uid 0/);
  await assert.rejects(
    lockAccount('vigil', options),
    /refusing to lock vigil: the agent runs as this account/,
  );
  await assert.rejects(lockAccount('bob', options), /bob is not a local account/);
  for (const hostile of ['-L', 'alice; reboot', 'alice bob', '../alice', 'Alice', ''])
    await assert.rejects(lockAccount(hostile, options), /not a user name/);
  assert.deepEqual(calls, []);
});

test('locking runs usermod, loginctl and pkill with argument lists', async (t) => {
  const { passwdFile, calls, run } = fixture(t);
  assert.match(
    await lockAccount('alice', { passwdFile, run, selfUid: 990 }),
    /^locked alice \(password locked, account expired\)/,
  );
  assert.deepEqual(
    calls.filter(([program]) => program !== 'loginctl'),
    [
      ['usermod', '-L', '--expiredate', '1', '--', 'alice'],
      ['pkill', '-KILL', '-u', 'alice'],
    ],
  );
});

test(
  'a real account is locked, expired and its processes are killed',
  [needs('useradd', 'a throwaway account is made'), needs('runuser', 'a process runs as it')].find(
    (o) => o.skip,
  ) ?? (process.getuid?.() === 0 ? {} : { skip: 'making accounts needs root' }),
  async (t) => {
    const user = `vigil-lock-${randomBytes(3).toString('hex')}`;
    execFileSync('useradd', ['--no-create-home', '--shell', '/bin/sh', user]);
    t.after(() => execFileSync('userdel', [user]));
    const sleeper = spawn('runuser', ['-u', user, '--', 'sleep', '60'], { stdio: 'ignore' });
    const ended = new Promise<string | null>((resolve) =>
      sleeper.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const output = await lockAccount(user);
    assert.equal(output, `locked ${user} (password locked, account expired), its processes killed`);
    const shadow =
      readFileSync('/etc/shadow', 'utf8')
        .split('\n')
        .find((line) => line.startsWith(`${user}:`))
        ?.split(':') ?? [];
    assert.ok(shadow[1]?.startsWith('!'), 'the password is locked');
    assert.equal(shadow[7], '1', 'the account expired on 2 January 1970');
    assert.notEqual(await ended, undefined);
    assert.match(await lockAccount(user), /no processes were running$/);
  },
);
