import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordProblems } from '../../src/modules/auth/password-policy.ts';
import { hashPassword, verifyPassword } from '../../src/modules/auth/password-hash.ts';

test('length limits are 15 to 256 characters, counted in code points', () => {
  assert.deepEqual(passwordProblems('correct horse battery'), []);
  assert.match(passwordProblems('short-pass-123')[0] ?? '', /at least 15 characters \(has 14\)/);
  assert.deepEqual(
    passwordProblems('🦊'.repeat(15)).filter((p) => p.includes('characters')),
    [],
  );
  assert.match(passwordProblems('x'.repeat(200) + 'y'.repeat(57)).join(), /at most 256/);
});

test('no composition rules: a long lowercase passphrase is fine', () => {
  assert.deepEqual(passwordProblems('walnut orbit ferry lantern'), []);
});

test('common, repeated, sequential and context passwords are refused', () => {
  assert.ok(passwordProblems('1qaz2wsx3edc4rfv').some((p) => p.includes('commonly used')));
  assert.ok(passwordProblems('aaaaaaaaaaaaaaaa').some((p) => p.includes('single character')));
  assert.ok(passwordProblems('abcdefghijklmnop').some((p) => p.includes('sequence')));
  assert.ok(passwordProblems('vigilvigilvigil!').some((p) => p.includes('attackers try first')));
  assert.ok(passwordProblems('Password1234567!').some((p) => p.includes('commonly used')));
  assert.ok(
    passwordProblems('mallory-is-my-name', { username: 'mallory' }).some((p) => p.includes('username')),
  );
});

test('argon2id hashes with the configured cost and verifies', async () => {
  const encoded = await hashPassword('correct horse battery');
  assert.match(encoded, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(encoded, 'correct horse battery'), true);
  assert.equal(await verifyPassword(encoded, 'correct horse batterY'), false);
  assert.equal(await verifyPassword('not-a-hash', 'x'), false);
});
