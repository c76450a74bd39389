import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('a command run through sudo is Process Activity with caller, target, TTY and working directory', () => {
  const event = parse(
    'Feb 20 10:00:01 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt install -y nginx',
  );
  assert.equal(event.metadata.event_code, 'sudo.command');
  assert.equal(event.class_uid, 1007);
  assert.equal(event.actor?.user?.name, 'alice');
  assert.equal(event.user?.name, 'root');
  assert.equal(event.process?.cmd_line, '/usr/bin/apt install -y nginx');
  assert.equal(event.process.file?.path, '/usr/bin/apt');
  assert.equal(event.process.working_directory, '/home/alice');
  assert.equal(event.unmapped?.tty, 'pts/0');
});

test('newer sudo fields between USER and COMMAND', () => {
  const event = parse(
    'Feb 20 10:00:01 web1 sudo[99]:    alice : TTY=pts/0 ; PWD=/srv ; USER=postgres ; GROUP=postgres ; ENV=PGDATA=/x TERM=xterm ; COMMAND=/usr/bin/psql',
  );
  assert.equal(event.user?.name, 'postgres');
  assert.equal(event.process?.cmd_line, '/usr/bin/psql');
});

test('incorrect passwords, users not in sudoers, denied commands', () => {
  const cases: [string, string][] = [
    [
      'bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/bash',
      'sudo.auth_failure',
    ],
    [
      'bob : 1 incorrect password attempt ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/bash',
      'sudo.auth_failure',
    ],
    ['eve : user NOT in sudoers ; TTY=pts/2 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh', 'sudo.not_in_sudoers'],
    ['eve : command not allowed ; TTY=pts/2 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh', 'sudo.command_denied'],
  ];
  for (const [message, expected] of cases) {
    const event = parse(`Feb 20 10:00:02 web1 sudo: ${message}`);
    assert.equal(event.metadata.event_code, expected, message);
    assert.equal(event.status, 'Failure');
    assert.equal(event.class_uid, 3002);
  }
});

test('"; USER=root" inside the command does not change the target user', () => {
  const event = parse(
    'Feb 20 10:00:01 web1 sudo: mallory : TTY=pts/0 ; PWD=/tmp ; USER=nobody ; COMMAND=/bin/echo ; USER=root ; COMMAND=/bin/sh',
  );
  assert.equal(event.user?.name, 'nobody');
  assert.equal(event.process?.cmd_line, '/bin/echo ; USER=root ; COMMAND=/bin/sh');
});
