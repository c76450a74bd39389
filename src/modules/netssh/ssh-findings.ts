import type { Severity } from '../../protocol/finding.ts';
import type { RatedAlgorithm, SshReport } from '../../protocol/net-ssh.ts';
import { endpointFinding, type NetFinding } from '../../protocol/netscan.ts';
import { clipText } from '../notify/clip-text.ts';
import { algorithmSeverity, maxSeverity } from './rate-ssh-algorithm.ts';
import type { SshCategory } from './ssh-algorithms.ts';
import { isKexMarker, sshHardeningPolicy } from './ssh-policy.ts';

interface CategoryCheck {
  category: SshCategory;
  weakCheck: string;
  policyCheck: string;
  what: string;
  option: string;
  algorithms: (report: SshReport) => RatedAlgorithm[];
}

const categories: CategoryCheck[] = [
  {
    category: 'kex',
    weakCheck: 'ssh.kex-weak',
    policyCheck: 'ssh.policy-kex',
    what: 'key exchange algorithms',
    option: 'KexAlgorithms',
    algorithms: (report) => report.kex,
  },
  {
    category: 'hostKey',
    weakCheck: 'ssh.hostkey-weak',
    policyCheck: 'ssh.policy-hostkey',
    what: 'host key algorithms',
    option: 'HostKeyAlgorithms',
    algorithms: (report) => report.hostKeys,
  },
  {
    category: 'cipher',
    weakCheck: 'ssh.cipher-weak',
    policyCheck: 'ssh.policy-cipher',
    what: 'ciphers',
    option: 'Ciphers',
    algorithms: (report) => report.ciphers,
  },
  {
    category: 'mac',
    weakCheck: 'ssh.mac-weak',
    policyCheck: 'ssh.policy-mac',
    what: 'MACs',
    option: 'MACs',
    algorithms: (report) => report.macs,
  },
];

const reload = 'check the file with `sshd -t`, then reload sshd (`systemctl reload ssh`)';

/** The sshd_config line that keeps what the server already offers minus `drop`: every name in it is known to that sshd. */
function configLine(check: CategoryCheck, offered: RatedAlgorithm[], drop: Set<string>): string {
  const keep = offered.map((a) => a.name).filter((name) => !drop.has(name) && !isKexMarker(name));
  const policy = (sshHardeningPolicy[check.category] as readonly string[]).join(',');
  if (keep.length === 0) {
    return (
      `Nothing the server offers is acceptable: upgrade OpenSSH, then set \`${check.option} ${policy}\`` +
      ` in /etc/ssh/sshd_config; ${reload}.`
    );
  }
  return (
    `In /etc/ssh/sshd_config set \`${check.option} ${keep.join(',')}\` (replacing any ${check.option} line:` +
    ` the first one sshd reads wins, Include files and Match blocks count); ${reload}.`
  );
}

function describe(algorithm: RatedAlgorithm): string {
  const reasons = algorithm.notes.filter((note) => !note.startsWith('available since'));
  return `${algorithm.name} [${algorithm.rating}${reasons.length ? `: ${reasons.join('; ')}` : ''}]`;
}

/** `8.9p1` → [8, 9]; undefined when the version does not start with digits. */
function majorMinor(version: string): [number, number] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})/.exec(version.slice(0, 16));
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * The findings of one SSH audit (every id and severity in docs/ssh-http-audit.md). Weak
 * algorithms come one finding per category at the worst severity offered; the policy findings
 * name only deviations the weak findings have not already named.
 */
export function sshFindings(report: SshReport, context: { host?: string | undefined } = {}): NetFinding[] {
  const findings: NetFinding[] = [];
  const add = (
    check: string,
    title: string,
    severity: Severity,
    evidence: string,
    remediation: string,
    tags: string[],
  ): void => {
    findings.push(
      endpointFinding(
        { ...report, host: context.host },
        { check, title, severity, evidence: clipText(evidence, 1000), remediation, tags },
      ),
    );
  };

  if (report.protocolVersion.startsWith('1.')) {
    add(
      'ssh.protocol-1',
      'SSH protocol 1 enabled',
      'critical',
      `identification ${report.banner} announces protocol ${report.protocolVersion}`,
      'SSH-1 is broken beyond repair: set `Protocol 2` in /etc/ssh/sshd_config (OpenSSH before 7.4) or' +
        ' upgrade to an OpenSSH without SSH-1 support; reload sshd.',
      ['CWE-327'],
    );
  }

  for (const check of categories) {
    const offered = check.algorithms(report);
    const weak = offered.filter((a) => a.rating !== 'ok' && algorithmSeverity(check.category, a.name));
    const severity = maxSeverity(weak.map((a) => algorithmSeverity(check.category, a.name) ?? 'low'));
    const weakNames = new Set(weak.map((a) => a.name));
    if (severity) {
      const ecdsa = check.category === 'hostKey' && weak.some((a) => a.name.includes('ecdsa'));
      add(
        check.weakCheck,
        `Weak SSH ${check.what} offered`,
        severity,
        `offered: ${weak.map(describe).join(', ')}`,
        configLine(check, offered, weakNames) +
          (ecdsa ? ' Remove the HostKey line of the ECDSA key (/etc/ssh/ssh_host_ecdsa_key).' : ''),
        ['CWE-327'],
      );
    }
    const allowed = sshHardeningPolicy[check.category] as readonly string[];
    const deviations = offered.filter(
      (a) => !weakNames.has(a.name) && !allowed.includes(a.name) && !isKexMarker(a.name),
    );
    if (deviations.length > 0) {
      add(
        check.policyCheck,
        `SSH ${check.what} outside the hardening policy`,
        'low',
        `offered but not in "${sshHardeningPolicy.name}": ${deviations.map(describe).join(', ')}`,
        configLine(check, offered, new Set([...weakNames, ...deviations.map((a) => a.name)])),
        ['CWE-327'],
      );
    }
  }

  const kexNames = report.kex.map((a) => a.name);
  if (
    kexNames.length > 0 &&
    !kexNames.some((name) => sshHardeningPolicy.postQuantumKex.includes(name as never))
  ) {
    add(
      'ssh.policy-kex-pq',
      'No post-quantum SSH key exchange offered',
      'low',
      `key exchanges offered: ${kexNames.filter((name) => !isKexMarker(name)).join(', ')}`,
      'Traffic recorded today can be decrypted once quantum computers exist: upgrade to OpenSSH 9.0 or later' +
        ' (sntrup761x25519-sha512@openssh.com, 9.9: mlkem768x25519-sha256) and keep them first in KexAlgorithms.',
      ['CWE-327'],
    );
  }

  for (const key of report.keys ?? []) {
    if (key.type !== 'ssh-rsa' || key.bits === undefined) continue;
    if (key.bits < 2048) {
      add(
        'ssh.hostkey-rsa-small',
        'SSH RSA host key too small',
        'high',
        `RSA host key of ${key.bits} bits (${key.fingerprint})`,
        'Make a new key with `ssh-keygen -t rsa -b 4096 -N "" -f /etc/ssh/ssh_host_rsa_key` (or drop RSA for' +
          ' `ssh-keygen -t ed25519`), reload sshd and tell users the new fingerprint.',
        ['CWE-326'],
      );
    } else if (key.bits < sshHardeningPolicy.minimumRsaBits) {
      add(
        'ssh.policy-rsa-key-size',
        'SSH RSA host key below the hardening policy',
        'low',
        `RSA host key of ${key.bits} bits (${key.fingerprint}), policy asks for ${sshHardeningPolicy.minimumRsaBits}`,
        'Make a new key with `ssh-keygen -t rsa -b 4096 -N "" -f /etc/ssh/ssh_host_rsa_key`, reload sshd and' +
          ' tell users the new fingerprint.',
        ['CWE-326'],
      );
    }
  }

  const cipherNames = report.ciphers.map((a) => a.name);
  const macNames = report.macs.map((a) => a.name);
  const chacha = cipherNames.includes('chacha20-poly1305@openssh.com');
  const cbcEtm =
    cipherNames.some((n) => n.endsWith('-cbc')) && macNames.some((n) => n.endsWith('-etm@openssh.com'));
  if (report.strictKex === false && (chacha || cbcEtm)) {
    add(
      'ssh.terrapin',
      'SSH server vulnerable to the Terrapin attack (CVE-2023-48795)',
      'medium',
      `no kex-strict-s-v00@openssh.com in the key exchanges, and ${
        chacha ? 'chacha20-poly1305@openssh.com' : 'a CBC cipher with an encrypt-then-MAC MAC'
      } offered`,
      'Upgrade OpenSSH to 9.6 or a distribution build with the strict key exchange fix (Debian 12:' +
        ' 1:9.2p1-2+deb12u2 or later); until then remove chacha20-poly1305@openssh.com from Ciphers and the' +
        ' *-etm@openssh.com MACs when CBC ciphers stay.',
      ['CVE-2023-48795', 'CWE-354'],
    );
  }

  const version =
    report.software === 'OpenSSH' && report.softwareVersion ? majorMinor(report.softwareVersion) : undefined;
  if (version && (version[0] < 7 || (version[0] === 7 && version[1] < 4))) {
    add(
      'ssh.outdated-openssh',
      'Outdated OpenSSH',
      'medium',
      `banner ${report.banner}: OpenSSH ${report.softwareVersion} predates 7.4 (December 2016), past every distribution's support`,
      'Upgrade the operating system or OpenSSH to a supported release.',
      ['CWE-1104'],
    );
  }

  const methods = report.authMethods ?? [];
  if (methods.length === 1 && methods[0] === 'none') {
    add(
      'ssh.auth-none',
      'SSH server accepts logins without authentication',
      'critical',
      'a `none` userauth request for a made-up user was accepted',
      'Remove `PermitEmptyPasswords yes` and any `AuthenticationMethods none` from /etc/ssh/sshd_config; ' +
        `${reload}.`,
      ['CWE-306'],
    );
  } else if (methods.includes('password')) {
    add(
      'ssh.password-auth',
      'SSH password authentication enabled',
      'medium',
      `after a \`none\` request the server offers: ${methods.join(',')}`,
      'Passwords can be guessed: give users keys, then set `PasswordAuthentication no` and' +
        ` \`KbdInteractiveAuthentication no\` in /etc/ssh/sshd_config (before any Match block); ${reload}.`,
      ['CWE-309', 'T1110'],
    );
  }
  return findings;
}
