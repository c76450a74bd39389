import type { IgnorePattern } from './compile-ignore.ts';

/**
 * What attackers change to persist or escalate: configuration (/etc), system binaries, the boot
 * chain and SSH keys. /bin and /sbin are symlinks to /usr on merged-usr systems; they are listed
 * for the systems where they are not (links are recorded, never followed, so nothing is hashed
 * twice). A `*` stands for one path segment, so new users' keys are picked up by the next scan.
 */
export const defaultFimPaths: readonly string[] = [
  '/etc',
  '/usr/bin',
  '/usr/sbin',
  '/bin',
  '/sbin',
  '/boot',
  '/root/.ssh/authorized_keys',
  '/home/*/.ssh/authorized_keys',
];

/**
 * Files the system itself rewrites in normal operation, after Wazuh's defaults: mount tables,
 * clock drift, random seeds, and editor swap files. /etc/ld.so.cache is deliberately watched:
 * ldconfig rewrites it only when libraries are installed, and a poisoned cache is an attack.
 */
export const defaultFimIgnore: readonly IgnorePattern[] = [
  '/etc/mtab',
  '/etc/adjtime',
  '/etc/random-seed',
  '/etc/random.seed',
  '/etc/cups/certs',
  '/etc/dumpdates',
  '/etc/svc/volatile',
  '*.swp',
  '*.swx',
];
