/*
 * SSH audit side by side with ssh-audit (Debian's, 2.5.0) on a local OpenSSH 9.2 sshd, default and
 * with legacy algorithms switched back on. Each tool is timed on its own; the ssh-audit bench's
 * report also compares verdicts algorithm by algorithm: ssh-audit's rating is the worst of its
 * [fail]/[warn] lines for the algorithm (its text output: 2.5.0's `-j` JSON carries no ratings),
 * Vigil's is RatedAlgorithm.rating. Vigil rates from ssh-audit's current (3.x) table, so the
 * disagreements are the algorithms whose rating changed between ssh-audit 2.5 and 3.x.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { auditSsh } from '../src/modules/netssh/audit-ssh.ts';
import { isKexMarker, sshHardeningPolicy } from '../src/modules/netssh/ssh-policy.ts';
import { startSshd, type SshdOptions, type SshdService } from '../test/helpers/net-services.ts';
import type { Benchmark } from './harness.ts';

const run = promisify(execFile);

const configs: { label: string; options: SshdOptions }[] = [
  { label: 'default sshd', options: {} },
  {
    label: 'legacy algorithms on',
    options: {
      hostKeyTypes: ['ed25519', 'rsa', 'ecdsa'],
      config: [
        'KexAlgorithms +diffie-hellman-group14-sha1,diffie-hellman-group1-sha1',
        'Ciphers +aes128-cbc,3des-cbc',
        'MACs +hmac-sha1,hmac-md5',
        'HostKeyAlgorithms +ssh-rsa',
      ],
    },
  },
];

type Rating = 'fail' | 'warn' | 'ok';
const sections: Record<string, string> = { kex: 'kex', key: 'hostKeys', enc: 'ciphers', mac: 'macs' };

/**
 * ssh-audit's text output ("-n", no colours) → rating per `section/algorithm`, and the algorithms
 * its recommendations say to remove (`(rec) -name -- kex algorithm to remove`).
 */
async function sshAuditVerdicts(
  sshd: SshdService,
): Promise<{ ratings: Map<string, Rating>; remove: Set<string> }> {
  let out: string;
  try {
    out = (await run('ssh-audit', ['-n', '-p', String(sshd.port), sshd.address])).stdout;
  } catch (error) {
    // ssh-audit exits non-zero when it found failures; its output is still complete.
    out = (error as { stdout: string }).stdout;
  }
  const ratings = new Map<string, Rating>();
  const remove = new Set<string>();
  let current: string | undefined;
  for (const line of out.split('\n')) {
    const rec = /^\(rec\) -(\S+)/.exec(line);
    if (rec?.[1]) remove.add(rec[1]);
    const head = /^\((kex|key|enc|mac)\) (\S+)/.exec(line);
    if (head) current = `${sections[head[1] ?? '']}/${head[2]}`;
    else if (!line.startsWith(' ')) current = undefined;
    if (!current) continue;
    const rating = line.includes('[fail]') ? 'fail' : line.includes('[warn]') ? 'warn' : 'ok';
    const before = ratings.get(current) ?? 'ok';
    ratings.set(current, before === 'fail' || rating === 'ok' ? before : rating);
  }
  return { ratings, remove };
}

const policyLists = {
  kex: sshHardeningPolicy.kex,
  hostKeys: sshHardeningPolicy.hostKey,
  ciphers: sshHardeningPolicy.cipher,
  macs: sshHardeningPolicy.mac,
} as const;

/** Vigil's ratings, and what its findings' remediation lines leave out: weak algorithms and policy deviations. */
async function vigilVerdicts(
  sshd: SshdService,
): Promise<{ ratings: Map<string, Rating>; remove: Set<string> }> {
  const { report } = await auditSsh(sshd, { timeoutMs: 10_000 });
  const ratings = new Map<string, Rating>();
  const remove = new Set<string>();
  for (const section of ['kex', 'hostKeys', 'ciphers', 'macs'] as const) {
    for (const algorithm of report[section]) {
      ratings.set(`${section}/${algorithm.name}`, algorithm.rating);
      const allowed: readonly string[] = policyLists[section];
      if (!isKexMarker(algorithm.name) && (algorithm.rating !== 'ok' || !allowed.includes(algorithm.name)))
        remove.add(algorithm.name);
    }
  }
  return { ratings, remove };
}

function count(ratings: Map<string, Rating>, rating: Rating): number {
  return [...ratings.values()].filter((r) => r === rating).length;
}

function vigilBench(config: (typeof configs)[number]): Benchmark {
  return {
    name: `ssh audit: vigil auditSsh, ${config.label}`,
    iterations: 10,
    warmup: 1,
    async setup() {
      const sshd = await startSshd(config.options);
      return { op: () => auditSsh(sshd, { timeoutMs: 10_000 }), teardown: () => sshd.stop() };
    },
  };
}

function peerBench(config: (typeof configs)[number]): Benchmark {
  return {
    name: `ssh audit: ssh-audit 2.5 (peer), ${config.label}`,
    iterations: 10,
    warmup: 1,
    async setup() {
      const sshd = await startSshd(config.options);
      const { ratings: vigil, remove: vigilRemove } = await vigilVerdicts(sshd);
      const { ratings: peer, remove: peerRemove } = await sshAuditVerdicts(sshd);
      const removeBoth = [...vigilRemove].filter((name) => peerRemove.has(name));
      process.stderr.write(
        `  ${config.label}: to remove, vigil only: ${[...vigilRemove].filter((n) => !peerRemove.has(n)).join(' ')};` +
          ` ssh-audit only: ${[...peerRemove].filter((n) => !vigilRemove.has(n)).join(' ')}\n`,
      );
      const names = [...new Set([...vigil.keys(), ...peer.keys()])];
      const agree = names.filter((name) => vigil.get(name) === peer.get(name));
      for (const name of names.filter((n) => !agree.includes(n)))
        process.stderr.write(
          `  ${config.label}: ${name} vigil=${vigil.get(name)} ssh-audit=${peer.get(name)}\n`,
        );
      return {
        op: () => run('ssh-audit', ['-j', '-p', String(sshd.port), sshd.address]).catch(() => undefined),
        teardown: () => sshd.stop(),
        report: () => ({
          algorithms: names.length,
          agreeing: agree.length,
          agreementPercent: Math.round((agree.length / names.length) * 1000) / 10,
          vigilFail: count(vigil, 'fail'),
          vigilWarn: count(vigil, 'warn'),
          sshAuditFail: count(peer, 'fail'),
          sshAuditWarn: count(peer, 'warn'),
          vigilRemove: vigilRemove.size,
          sshAuditRemove: peerRemove.size,
          removeBoth: removeBoth.length,
        }),
      };
    },
  };
}

export const benchmarks: Benchmark[] = configs.flatMap((config) => [vigilBench(config), peerBench(config)]);
