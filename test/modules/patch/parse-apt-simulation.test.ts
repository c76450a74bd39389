import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAptSimulation } from '../../../src/modules/patch/parse-apt-simulation.ts';
import { managerOrder } from '../../../src/modules/patch/manager-order.ts';

const compare = managerOrder('dpkg');
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/*
 * The fixtures are real `LC_ALL=C apt-get -s -o Debug::NoLocking=1 install --only-upgrade -y …`
 * output captured on Debian 12 (apt 2.6.1): one from a local file repository where the new
 * version pulls in a new dependency and conflicts with an installed package, one upgrading
 * OpenSSL from the Debian security archive (with apt's trailing `[]` on a line).
 */

test('an upgrade that installs a dependency and removes a conflicting package', () => {
  assert.deepEqual(parseAptSimulation(fixture('apt-get-simulate-local.txt'), compare), [
    { name: 'vigil-e2e-old', from: '1.0', to: null, action: 'remove' },
    { name: 'vigil-e2e-hello-data', from: null, to: '1.0', action: 'install' },
    { name: 'vigil-e2e-hello', from: '1.0-1', to: '1.0-2', action: 'upgrade' },
  ]);
});

test('a security upgrade with every binary of the source package and release names with colons', () => {
  assert.deepEqual(parseAptSimulation(fixture('apt-get-simulate-security.txt'), compare), [
    { name: 'libssl-dev', from: '3.0.19-1~deb12u2', to: '3.0.22-1~deb12u2', action: 'upgrade' },
    { name: 'libssl3', from: '3.0.19-1~deb12u2', to: '3.0.22-1~deb12u2', action: 'upgrade' },
    { name: 'openssl', from: '3.0.19-1~deb12u2', to: '3.0.22-1~deb12u2', action: 'upgrade' },
  ]);
});

test('downgrades, purges, foreign architectures and epochs', () => {
  const text = [
    'Inst libc6:i386 [2.36-9+deb12u3] (2.36-9+deb12u4 Debian:12.5/stable [i386])',
    'Inst tzdata [2024a-0+deb12u1] (2023c-5+deb12u1 Debian:12.5/stable [all])',
    'Purg oldpkg [1:2.0-1]',
    'Inst vim [2:9.0.1378-2] (2:9.0.1378-2+deb12u1 Debian-Security:12/stable-security [amd64])',
    'Conf vim (2:9.0.1378-2+deb12u1 Debian-Security:12/stable-security [amd64])',
  ].join('\n');
  assert.deepEqual(parseAptSimulation(text, compare), [
    { name: 'libc6:i386', from: '2.36-9+deb12u3', to: '2.36-9+deb12u4', action: 'upgrade' },
    { name: 'tzdata', from: '2024a-0+deb12u1', to: '2023c-5+deb12u1', action: 'downgrade' },
    { name: 'oldpkg', from: '1:2.0-1', to: null, action: 'remove' },
    { name: 'vim', from: '2:9.0.1378-2', to: '2:9.0.1378-2+deb12u1', action: 'upgrade' },
  ]);
});

test('lines that only look like changes are ignored, and a hostile line costs its length', () => {
  const text = [
    'Inst',
    'Inst ',
    'Inst x',
    'Install foo',
    ' Inst foo [1] (2 x)',
    'Remv ',
    'E: Unable to locate package foo',
  ];
  assert.deepEqual(parseAptSimulation(text.join('\n'), compare), []);
  const long = `Inst a [${'['.repeat(200_000)} (${'('.repeat(200_000)}`;
  const started = performance.now();
  parseAptSimulation(long, compare);
  assert.ok(performance.now() - started < 500);
});
