import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { findStaleServices, serviceOf } from '../../../src/modules/patch/find-stale-services.ts';
import { parseNeedrestart } from '../../../src/modules/patch/parse-needrestart.ts';

const proc = mkdtempSync(join(tmpdir(), 'vigil-proc-'));
after(() => rmSync(proc, { recursive: true, force: true }));

function processDir(pid: number, maps: string, cgroup: string): void {
  mkdirSync(join(proc, String(pid)));
  writeFileSync(join(proc, String(pid), 'maps'), maps);
  writeFileSync(join(proc, String(pid), 'cgroup'), cgroup);
}

test('services whose processes map a replaced packaged library, by their cgroup', async () => {
  const lib = '7f2c1a000000-7f2c1a1c0000 r-xp 00028000 08:01 1835213                    ';
  processDir(
    101,
    `${lib}/usr/lib/x86_64-linux-gnu/libssl.so.3 (deleted)\n${lib}/usr/lib/x86_64-linux-gnu/libc.so.6\n`,
    '0::/system.slice/nginx.service\n',
  );
  // cgroup v1 with the systemd hierarchy, a library under /lib.
  processDir(
    102,
    `${lib}/lib/x86_64-linux-gnu/libz.so.1.2.13 (deleted)\n`,
    '4:memory:/\n1:name=systemd:/system.slice/ssh.service\n',
  );
  // Deleted, but not packaged code: a memfd and a scratch file.
  processDir(
    103,
    `${lib}/memfd:wayland-shm (deleted)\n${lib}/tmp/scratch.so (deleted)\n`,
    '0::/system.slice/app.service\n',
  );
  // A login session is not a service.
  processDir(104, `${lib}/usr/bin/bash (deleted)\n`, '0::/user.slice/user-1000.slice/session-3.scope\n');
  mkdirSync(join(proc, 'self'));
  assert.deepEqual(await findStaleServices(proc), ['nginx.service', 'ssh.service']);
});

test('the real /proc is read without failing', async () => {
  assert.ok(Array.isArray(await findStaleServices()));
  assert.deepEqual(await findStaleServices(join(proc, 'missing')), []);
});

test('serviceOf: nested units take the innermost service', () => {
  assert.equal(serviceOf('0::/system.slice/docker.service/abc\n'), 'docker.service');
  assert.equal(serviceOf('0::/\n'), null);
  assert.equal(serviceOf(''), null);
});

test('needrestart batch output: services and a pending kernel', () => {
  const report = parseNeedrestart(`NEEDRESTART-VER: 3.6
NEEDRESTART-KCUR: 6.1.0-13-amd64
NEEDRESTART-KEXP: 6.1.0-18-amd64
NEEDRESTART-KSTA: 3
NEEDRESTART-SVC: ssh.service
NEEDRESTART-SVC: cron.service
NEEDRESTART-SESS: alice @ session #28017
`);
  assert.deepEqual(report, { services: ['cron.service', 'ssh.service'], kernelPending: true });
  assert.deepEqual(parseNeedrestart('NEEDRESTART-KSTA: 1\n'), { services: [], kernelPending: false });
});
