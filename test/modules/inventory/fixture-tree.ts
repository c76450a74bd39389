import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtureDirectory = fileURLToPath(new URL('../../fixtures/inventory/', import.meta.url));

export interface FixtureTree {
  /** The host filesystem root to pass as `root`. */
  root: string;
  procRoot: string;
  /** A directory holding only a fake `rpm`, to pass as `searchPath`. */
  bin: string;
  /** Where the fake rpm writes the arguments it was given, one per line. */
  rpmArgsFile: string;
  dispose(): void;
}

interface FakeProcess {
  pid: number;
  ppid: number;
  comm: string;
  uid: number;
  cmdline: string[];
  exe?: string;
  /** fd number to link target, such as `socket:[20001]`. */
  fds?: Record<number, string>;
}

const processes: FakeProcess[] = [
  {
    pid: 1,
    ppid: 0,
    comm: 'systemd',
    uid: 0,
    cmdline: ['/sbin/init', 'splash'],
    exe: '/usr/lib/systemd/systemd',
  },
  {
    pid: 101,
    ppid: 1,
    comm: 'sshd',
    uid: 0,
    cmdline: ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'],
    exe: '/usr/sbin/sshd',
    fds: { 0: '/dev/null', 3: 'socket:[20002]', 4: 'socket:[20004]' },
  },
  // A forked child holding its parent's listening socket: the parent is the one named.
  { pid: 102, ppid: 101, comm: 'sshd', uid: 1000, cmdline: ['sshd: alice'], fds: { 3: 'socket:[20002]' } },
  {
    pid: 200,
    ppid: 1,
    comm: 'postgres',
    uid: 101,
    cmdline: ['/usr/lib/postgresql/15/bin/postgres', '-D', '/var/lib/postgresql/15/main'],
    exe: '/usr/lib/postgresql/15/bin/postgres',
    fds: { 5: 'socket:[20001]', 6: 'socket:[20003]', 7: 'socket:[99999]', 8: 'pipe:[4242]' },
  },
  // SO_REUSEPORT: a second socket on the same address and port, owned by another postgres.
  {
    pid: 201,
    ppid: 200,
    comm: 'postgres',
    uid: 101,
    cmdline: ['postgres: walwriter'],
    fds: { 5: 'socket:[20011]' },
  },
  // comm is chosen by the process: spaces, parentheses and a fake uid line must not confuse the parser.
  { pid: 400, ppid: 1, comm: 'x) S 1 (y\nUid:\t0', uid: 1001, cmdline: ['./x'] },
];

/**
 * Builds a host filesystem and a /proc from the fixture files in a temporary
 * directory: links, NUL-separated cmdlines and dangling fd symlinks are
 * easier made here than kept in git.
 */
export function createFixtureTree(): FixtureTree {
  const base = mkdtempSync(join(tmpdir(), 'vigil-inventory-'));
  const root = join(base, 'root');
  const procRoot = join(base, 'proc');
  const bin = join(base, 'bin');
  const rpmArgsFile = join(base, 'rpm-args');

  const put = (path: string, content: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  const copy = (fixture: string, path: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(join(fixtureDirectory, fixture), path);
  };
  const link = (target: string, path: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync(target, path);
  };

  copy('passwd', join(root, 'etc/passwd'));
  copy('group', join(root, 'etc/group'));
  copy('os-release', join(root, 'usr/lib/os-release'));
  link('../usr/lib/os-release', join(root, 'etc/os-release'));
  copy('sudoers', join(root, 'etc/sudoers'));
  copy('local.sudoers', join(root, 'etc/local.sudoers'));
  for (const name of ['README', '10-admins', '10-admins~', 'disabled.conf']) {
    copy(`sudoers.d/${name}`, join(root, 'etc/sudoers.d', name));
  }

  copy('dpkg-status', join(root, 'var/lib/dpkg/status'));
  // An interrupted upgrade: dpkg's journal has bash's new version, and not-yet-seen hello.
  put(
    join(root, 'var/lib/dpkg/updates/0000'),
    'Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b9\n',
  );
  put(
    join(root, 'var/lib/dpkg/updates/0001'),
    'Package: hello\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.10-3\n',
  );
  put(
    join(root, 'var/lib/dpkg/updates/tmp.i'),
    'Package: ignored\nStatus: install ok installed\nVersion: 1\n',
  );
  copy('apk-installed', join(root, 'usr/lib/apk/db/installed'));
  mkdirSync(join(root, 'var/lib/rpm'), { recursive: true });

  // Merged /usr: /lib is a link to usr/lib, and its units must not be counted twice.
  link('usr/lib', join(root, 'lib'));
  const etcUnits = join(root, 'etc/systemd/system');
  link('/lib/systemd/system/ssh.service', join(etcUnits, 'multi-user.target.wants/ssh.service'));
  link(
    '/lib/systemd/system/postgresql.service',
    join(etcUnits, 'multi-user.target.wants/postgresql.service'),
  );
  link('/lib/systemd/system/getty@.service', join(etcUnits, 'getty.target.wants/getty@tty1.service'));
  link('/lib/systemd/system/remote-fs.target', join(etcUnits, 'multi-user.target.requires/remote-fs.target'));
  put(join(etcUnits, 'ssh.service.d/override.conf'), '[Service]\n');
  link('../dbus.service', join(root, 'usr/lib/systemd/system/multi-user.target.wants/dbus.service'));
  link('../init.d/postgresql', join(root, 'etc/rc2.d/S01postgresql'));
  link('../init.d/apache2', join(root, 'etc/rc2.d/K01apache2'));
  put(join(root, 'etc/rc2.d/README'), 'not a link\n');

  for (const file of ['tcp', 'tcp6', 'udp', 'udp6']) copy(`proc-net-${file}`, join(procRoot, 'net', file));
  put(join(procRoot, 'sys/kernel/osrelease'), '6.1.0-99-amd64\n');
  put(join(procRoot, 'sys/kernel/hostname'), 'fixture-host\n');
  for (const process of processes) {
    const directory = join(procRoot, String(process.pid));
    put(
      join(directory, 'stat'),
      `${process.pid} (${process.comm}) S ${process.ppid} ${process.pid} 0 0 -1\n`,
    );
    put(join(directory, 'comm'), `${process.comm}\n`);
    // The kernel escapes newlines in the Name line, so a comm cannot forge the Uid line.
    put(
      join(directory, 'status'),
      `Name:\t${process.comm.replaceAll('\n', '\\n')}\nUid:\t${process.uid}\t${process.uid}\t0\t0\n`,
    );
    put(join(directory, 'cmdline'), process.cmdline.map((arg) => `${arg}\u0000`).join(''));
    if (process.exe !== undefined) link(process.exe, join(directory, 'exe'));
    mkdirSync(join(directory, 'fd'), { recursive: true });
    for (const [fd, target] of Object.entries(process.fds ?? {})) link(target, join(directory, 'fd', fd));
  }
  // A process that exited after its directory was listed, and entries that are not processes.
  mkdirSync(join(procRoot, '300'));
  link('200', join(procRoot, 'self'));

  const rpmOutput = join(fixtureDirectory, 'rpm-query');
  // Runs with PATH set to this directory alone, so only shell builtins are available.
  put(
    join(bin, 'rpm'),
    [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > '${rpmArgsFile}'`,
      `while IFS= read -r line; do printf '%s\\n' "$line"; done < '${rpmOutput}'`,
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'rpm'), 0o755);
  return {
    root,
    procRoot,
    bin,
    rpmArgsFile,
    dispose: () => rmSync(base, { recursive: true, force: true }),
  };
}
