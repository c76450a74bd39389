import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDnfTransaction } from '../../../src/modules/patch/parse-dnf-transaction.ts';

/*
 * dnf is not installed on this Debian test machine, so these are sample outputs written in the
 * layout dnf prints (dnf 4 on RHEL 9, dnf 5 on Fedora 41) rather than captured here. The real
 * commands run only on an rpm host's agent.
 */

const installed = new Map([
  ['openssl', '1:3.0.7-24.el9'],
  ['openssl-libs', '1:3.0.7-24.el9'],
  ['python3-cryptography-vectors-extra', '36.0.1-4.el9'],
]);
const lookup = (name: string) => installed.get(name) ?? null;

const dnf4 = `Last metadata expiration check: 0:12:03 ago on Tue 05 Mar 2024 10:01:12 AM UTC.
Dependencies resolved.
================================================================================
 Package                     Arch     Version               Repository    Size
================================================================================
Upgrading:
 openssl                     x86_64   1:3.0.7-25.el9_3      baseos       1.2 M
 openssl-libs                x86_64   1:3.0.7-25.el9_3      baseos       2.1 M
 python3-cryptography-vectors-extra
                             noarch   36.0.1-5.el9          appstream    310 k
Installing dependencies:
 crypto-policies-scripts     noarch   20230731-1.git94f0e2c.el9_3.1
                                                            baseos       100 k
Installing weak dependencies:
 openssl-pkcs11              x86_64   0.4.11-7.el9          appstream     69 k
Removing dependent packages:
 compat-openssl11            x86_64   1:1.1.1k-4.el9_0      @appstream   3.9 M
Skipping packages with broken dependencies:
 broken-thing                x86_64   1.0-1.el9             appstream     10 k

Transaction Summary
================================================================================
Install  2 Packages
Upgrade  3 Packages
Remove   1 Package

Total download size: 3.8 M
Operation aborted.
`;

test('dnf 4: upgrades, new dependencies, removals, and a long name on its own line', () => {
  assert.deepEqual(parseDnfTransaction(dnf4, lookup), [
    { name: 'openssl', from: '1:3.0.7-24.el9', to: '1:3.0.7-25.el9_3', action: 'upgrade' },
    { name: 'openssl-libs', from: '1:3.0.7-24.el9', to: '1:3.0.7-25.el9_3', action: 'upgrade' },
    {
      name: 'python3-cryptography-vectors-extra',
      from: '36.0.1-4.el9',
      to: '36.0.1-5.el9',
      action: 'upgrade',
    },
    { name: 'crypto-policies-scripts', from: null, to: '20230731-1.git94f0e2c.el9_3.1', action: 'install' },
    { name: 'openssl-pkcs11', from: null, to: '0.4.11-7.el9', action: 'install' },
    { name: 'compat-openssl11', from: '1:1.1.1k-4.el9_0', to: null, action: 'remove' },
  ]);
});

const dnf5 = `Updating and loading repositories:
Repositories loaded.
Package                      Arch   Version                      Repository      Size
Upgrading:
 curl                        x86_64 8.9.1-3.fc41                 updates    793.5 KiB
   replacing curl            x86_64 8.9.1-2.fc41                 fedora     796.2 KiB
 python3.13                  x86_64 3.13.1-2.fc41                updates     31.6 KiB
   replacing python3.13      x86_64 3.13.0-1.fc41                fedora      31.6 KiB
Installing:
 libnew                      x86_64 2.0-1.fc41                   updates     10.0 KiB
   replacing libold          x86_64 1.0-9.fc41                   fedora       9.0 KiB

Transaction Summary:
 Installing:         1 package
 Upgrading:          2 packages
 Replacing:          3 packages

Total size of inbound packages is 1 MiB. Need to download 1 MiB.
After this operation, 1 KiB extra will be used (install 1 MiB, remove 1 MiB).
Operation aborted by the user.
`;

test('dnf 5: `replacing` rows give the version before, or a package an install obsoletes', () => {
  assert.deepEqual(
    parseDnfTransaction(dnf5, () => null),
    [
      { name: 'curl', from: '8.9.1-2.fc41', to: '8.9.1-3.fc41', action: 'upgrade' },
      { name: 'python3.13', from: '3.13.0-1.fc41', to: '3.13.1-2.fc41', action: 'upgrade' },
      { name: 'libnew', from: null, to: '2.0-1.fc41', action: 'install' },
      { name: 'libold', from: '1.0-9.fc41', to: null, action: 'remove' },
    ],
  );
});

test('dnf 4 obsoletes and nothing to do', () => {
  const obsoleting = `Upgrading:
 newname      x86_64   2.0-1.el9     baseos     1.0 M
     replacing  oldname.x86_64 1.5-3.el9

Transaction Summary
`;
  assert.deepEqual(
    parseDnfTransaction(obsoleting, () => '1.9-1.el9'),
    [
      { name: 'newname', from: '1.9-1.el9', to: '2.0-1.el9', action: 'upgrade' },
      { name: 'oldname', from: '1.5-3.el9', to: null, action: 'remove' },
    ],
  );
  assert.deepEqual(parseDnfTransaction('Dependencies resolved.\nNothing to do.\nComplete!\n', lookup), []);
});
