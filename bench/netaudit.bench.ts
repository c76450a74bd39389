/*
 * A whole network audit (issue 8): the services of the end-to-end test (Debian's sshd, nginx over
 * HTTP and HTTPS, an `openssl s_server` speaking only TLS 1.0/1.1, Redis without a password, the
 * machine's PostgreSQL) audited by Vigil's runNetworkScan, every check family, against what an
 * admin would run for the same answers, one after the other: `nmap -sV -sT -Pn -n` on the ports,
 * `sslscan` on each TLS endpoint and `ssh-audit` on the SSH server. The peers run once (they take
 * tens of seconds); Vigil one warm-up and three timed runs. Only time is compared here: each
 * family's agreement with its peer is in the family's own benchmark. The s_server says nothing
 * until spoken to, even inside TLS, like many real TLS services: nmap -sV spends most of its time
 * on it (every probe waits out its timeout), Vigil's identification gives up on it in seconds.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runNetworkScan } from '../src/modules/netaudit/run-network-scan.ts';
import type { ScanReport } from '../src/protocol/netscan.ts';
import {
  localhost,
  machinePostgres,
  startNginx,
  startRedis,
  startSServer,
  startSshd,
  type LocalService,
} from '../test/helpers/net-services.ts';
import { hasProgram } from '../test/helpers/requirements.ts';
import type { Benchmark } from './harness.ts';

const run = promisify(execFile);

/** Runs a peer to completion, whatever its exit status (ssh-audit exits non-zero when it finds something). */
async function timed(program: string, args: string[]): Promise<number> {
  const started = performance.now();
  await run(program, args, { maxBuffer: 64 * 1024 * 1024 }).catch((error: unknown) => {
    if (typeof (error as { code?: unknown }).code !== 'number') throw error;
  });
  return performance.now() - started;
}

const auditBench: Benchmark = {
  name: 'netaudit: 6 local services, every check (nmap -sV, sslscan ×2, ssh-audit in the same run)',
  iterations: 3,
  warmup: 1,
  async setup() {
    const services: LocalService[] = await Promise.all([
      startSshd(),
      startNginx({
        https: true,
        files: { 'index.html': '<h1>vigil</h1>\n', '.git/HEAD': 'ref: refs/heads/main\n' },
      }),
      startSServer({ args: ['-no_tls1_2', '-no_tls1_3', '-cipher', 'AES128-SHA:@SECLEVEL=0'], www: false }),
      startRedis(),
    ]);
    const [sshd, nginx, legacy] = services as [
      LocalService,
      LocalService & { httpPort?: number },
      LocalService,
    ];
    const ports = [...services.map((s) => s.port), nginx.httpPort ?? 0, machinePostgres.port];
    const peers = {
      nmap: await timed('nmap', ['-sV', '-sT', '-Pn', '-n', '-p', ports.join(','), '-oX', '-', localhost]),
      sslscan:
        (await timed('sslscan', ['--no-colour', `${localhost}:${nginx.port}`])) +
        (await timed('sslscan', ['--no-colour', `${localhost}:${legacy.port}`])),
      sshAudit: await timed('ssh-audit', ['-p', String(sshd.port), localhost]),
    };
    let last: ScanReport | undefined;
    return {
      op: async () => {
        last = await runNetworkScan({
          targets: [localhost],
          ports: ports.join(','),
          scope: [],
          exclude: [],
          checks: ['tls', 'ssh', 'http', 'exposure'],
        });
      },
      teardown: async () => {
        await Promise.all(services.map((service) => service.stop()));
      },
      report: () => ({
        services: last?.hosts[0]?.services.length ?? 0,
        findings: last?.findings.length ?? 0,
        errors: last?.errors?.length ?? 0,
        peersSeconds: Math.round((peers.nmap + peers.sslscan + peers.sshAudit) / 10) / 100,
        nmapSeconds: Math.round(peers.nmap / 10) / 100,
        sslscanSeconds: Math.round(peers.sslscan / 10) / 100,
        sshAuditSeconds: Math.round(peers.sshAudit / 10) / 100,
      }),
    };
  },
};

const usable = ['nmap', 'sslscan', 'ssh-audit', 'nginx', 'redis-server', 'openssl', 'sshd'].every(hasProgram);

export const benchmarks: Benchmark[] = usable ? [auditBench] : [];
