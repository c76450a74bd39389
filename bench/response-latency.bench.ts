/*
 * Active response latency (issue 5): from the log line that completes an SSH brute force being
 * written to the address being in the attacked host's nft set. A victim network namespace runs
 * a real vigil agent (the server runs in this process, reached over a veth pair) and fail2ban,
 * both tailing the same auth log; each run writes four "Failed password" lines for a fresh
 * address, then the fifth (the threshold of both: Vigil's built-in SSH brute-force rule and
 * fail2ban's sshd jail with maxretry 5, findtime 10m) and polls `nft -j list ruleset` in the
 * namespace every ~5 ms until the address is in Vigil's `inet vigil blocked_v4` and in each
 * fail2ban jail's set (`inet f2b-table addr-set-<jail>`, banaction nftables-allports).
 *
 * fail2ban runs one server with two jails on the same file, the same filter and threshold:
 * `sshd-inotify` (backend pyinotify) and `sshd-polling` (backend polling), so both of its
 * ways of reading a file are measured against the same lines. Needs root, ip, nft and
 * fail2ban-server; see scripts/install-system-deps.sh.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { elementAddresses, startSshLab, type SshLab } from '../test/e2e/ssh-lab.ts';
import type { Benchmark } from './harness.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const observers = ['vigil', 'fail2ban-pyinotify', 'fail2ban-polling'] as const;
type Observer = (typeof observers)[number];
const setOf: Record<string, Observer> = {
  blocked_v4: 'vigil',
  'addr-set-sshd-inotify': 'fail2ban-pyinotify',
  'addr-set-sshd-polling': 'fail2ban-polling',
};

function startFail2ban(lab: SshLab): ChildProcess {
  const conf = join(lab.scratch, 'fail2ban');
  cpSync('/etc/fail2ban', conf, { recursive: true });
  // The distribution's jail.d enables its own sshd jail on the host's logs; only ours here.
  for (const file of readdirSync(join(conf, 'jail.d'))) rmSync(join(conf, 'jail.d', file));
  writeFileSync(
    join(conf, 'fail2ban.local'),
    [
      '[Definition]',
      `logtarget = ${join(lab.scratch, 'fail2ban.log')}`,
      `socket = ${join(lab.scratch, 'fail2ban.sock')}`,
      `pidfile = ${join(lab.scratch, 'fail2ban.pid')}`,
      'dbfile = :memory:',
      '',
    ].join('\n'),
  );
  const jail = (name: string, backend: string) => [
    `[${name}]`,
    'enabled = true',
    'filter = sshd',
    'port = ssh',
    `logpath = ${lab.authLog}`,
    `backend = ${backend}`,
    'maxretry = 5',
    'findtime = 10m',
    'bantime = 1h',
    'banaction = nftables-allports',
    '',
  ];
  writeFileSync(
    join(conf, 'jail.local'),
    [...jail('sshd-inotify', 'pyinotify'), ...jail('sshd-polling', 'polling')].join('\n'),
  );
  return spawn(
    'ip',
    [
      'netns',
      'exec',
      lab.victim.name,
      'fail2ban-server',
      '-f',
      '-x',
      '-c',
      conf,
      '-s',
      join(lab.scratch, 'fail2ban.sock'),
      '-p',
      join(lab.scratch, 'fail2ban.pid'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/** Every address in the namespace's nft sets, by observer. */
async function setsNow(lab: SshLab): Promise<Map<Observer, Set<string>>> {
  const { stdout } = await run('ip', ['netns', 'exec', lab.victim.name, 'nft', '-j', 'list', 'ruleset']);
  const parsed = JSON.parse(stdout) as { nftables: { set?: { name: string } }[] };
  const found = new Map<Observer, Set<string>>();
  for (const object of parsed.nftables) {
    const observer = object.set ? setOf[object.set.name] : undefined;
    if (!observer) continue;
    found.set(observer, new Set(elementAddresses(JSON.stringify({ nftables: [object] }))));
  }
  return found;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

// One attempt per line for both tools: the fifth line completes the attack.
const failed = (address: string, n: number) =>
  `Failed password for root from ${address} port ${40_000 + n} ssh2`;

export const benchmarks: Benchmark[] = [
  {
    name: 'active response: 5th failed SSH login written → address in nft set (vigil agent + server vs fail2ban)',
    iterations: 40,
    warmup: 3,
    async setup() {
      const lab = await startSshLab({ sshd: false });
      const fail2ban = startFail2ban(lab);
      // fail2ban makes its table at the first ban; wait until both jails are up.
      for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
        try {
          const { stdout } = await run('fail2ban-client', [
            '-s',
            join(lab.scratch, 'fail2ban.sock'),
            'status',
          ]);
          if (stdout.includes('sshd-inotify') && stdout.includes('sshd-polling')) break;
        } catch {
          // Not listening yet.
        }
        if (Date.now() > deadline) throw new Error('fail2ban did not start');
      }
      const samples = new Map<Observer, number[]>(observers.map((observer) => [observer, []]));
      const missed = new Map<Observer, number>(observers.map((observer) => [observer, 0]));
      let round = 0;
      let timed = false;
      return {
        async op() {
          round += 1;
          // A fresh address every run (198.18.0.0/15, benchmarking space).
          const address = `198.18.${Math.floor(round / 250)}.${(round % 250) + 1}`;
          const pid = 10_000 + round;
          lab.writeSyslog(
            'sshd',
            pid,
            [1, 2, 3, 4].map((n) => failed(address, n)),
          );
          // Every reader has the first four before the fifth arrives (fail2ban polls each second).
          await sleep(1_500);
          lab.writeSyslog('sshd', pid, [failed(address, 5)]);
          const written = performance.now();
          const pending = new Set<Observer>(observers);
          while (pending.size > 0 && performance.now() - written < 15_000) {
            const sets = await setsNow(lab);
            const now = performance.now();
            for (const observer of [...pending]) {
              if (sets.get(observer)?.has(address)) {
                pending.delete(observer);
                if (timed) samples.get(observer)?.push(now - written);
              }
            }
            await sleep(5);
          }
          for (const observer of pending) if (timed) missed.set(observer, (missed.get(observer) ?? 0) + 1);
          // The harness's warm-up is over once it has run `warmup` ops.
          if (round >= 3) timed = true;
        },
        report() {
          const figures: Record<string, number> = {};
          for (const observer of observers) {
            const sorted = [...(samples.get(observer) ?? [])].sort((a, b) => a - b);
            figures[`${observer} runs`] = sorted.length;
            figures[`${observer} missed`] = missed.get(observer) ?? 0;
            figures[`${observer} p50 ms`] = Math.round(percentile(sorted, 50));
            figures[`${observer} p99 ms`] = Math.round(percentile(sorted, 99));
            figures[`${observer} max ms`] = Math.round(sorted.at(-1) ?? NaN);
          }
          return figures;
        },
        async teardown() {
          fail2ban.kill('SIGTERM');
          await sleep(500);
          await lab.close();
        },
      };
    },
  },
];
