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

/** ssh-audit's text output ("-n", no colours) → rating per `section/algorithm`. */
async function sshAuditRatings(sshd: SshdService): Promise<Map<string, Rating>> {
  let out: string;
  try {
    out = (await run('ssh-audit', ['-n', '-p', String(sshd.port), sshd.address])).stdout;
  } catch (error) {
    // ssh-audit exits non-zero when it found failures; its output is still complete.
    out = (error as { stdout: string }).stdout;
  }
  const ratings = new Map<string, Rating>();
  let current: string | undefined;
  for (const line of out.split('\n')) {
    const head = /^\((kex|key|enc|mac)\) (\S+)/.exec(line);
    if (head) current = `${sections[head[1] ?? '']}/${head[2]}`;
    else if (!line.startsWith(' ')) current = undefined;
    if (!current) continue;
    const rating = line.includes('[fail]') ? 'fail' : line.includes('[warn]') ? 'warn' : 'ok';
    const before = ratings.get(current) ?? 'ok';
    ratings.set(current, before === 'fail' || rating === 'ok' ? before : rating);
  }
  return ratings;
}

async function vigilRatings(sshd: SshdService): Promise<Map<string, Rating>> {
  const { report } = await auditSsh(sshd, { timeoutMs: 10_000 });
  const ratings = new Map<string, Rating>();
  for (const section of ['kex', 'hostKeys', 'ciphers', 'macs'] as const)
    for (const algorithm of report[section]) ratings.set(`${section}/${algorithm.name}`, algorithm.rating);
  return ratings;
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
      const vigil = await vigilRatings(sshd);
      const peer = await sshAuditRatings(sshd);
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
        }),
      };
    },
  };
}

export const benchmarks: Benchmark[] = configs.flatMap((config) => [vigilBench(config), peerBench(config)]);
