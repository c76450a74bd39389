/*
 * Host audit: `vigil audit host` with the CIS Debian 12 policy (and with all three shared CIS
 * policies plus Vigil's baseline), against `lynis audit system --quick` (Debian package), on
 * this machine in the same run. Each run is a child process, exactly what a user types, timed
 * from the outside; the check counts come from the runs' own output.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMeasured, type ChildRun } from './detection-child.ts';
import type { Benchmark } from './harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpora = resolve(root, process.env.VIGIL_CORPORA ?? '../shared/corpora');
const sca = join(corpora, 'audit', 'wazuh-sca');
const lynis = '/usr/sbin/lynis';

const measured: { debianSeconds?: number; debianChecks?: number } = {};

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

interface AuditRun extends ChildRun {
  checks: number;
  rules: number;
  failed: number;
}

async function vigilAudit(policies: string[]): Promise<AuditRun> {
  const args = ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'audit', 'host', '--format', 'json'];
  // Exit 1 means "a check failed", which any real host has.
  const run = await runMeasured(
    process.execPath,
    [...args, ...policies.flatMap((file) => ['--policy', file])],
    [0, 1],
  );
  const runs = JSON.parse(run.stdout) as { results: { result: string; rules: unknown[] }[] }[];
  const results = runs.flatMap((policyRun) => policyRun.results);
  return {
    ...run,
    checks: results.length,
    rules: results.reduce((sum, result) => sum + result.rules.length, 0),
    failed: results.filter((result) => result.result === 'failed').length,
  };
}

function vigilBench(name: string, files: () => string[], debian: boolean): Benchmark {
  return {
    name,
    iterations: 3,
    warmup: 1,
    setup() {
      for (const file of files())
        if (!existsSync(file)) throw new Error(`${file} is missing (VIGIL_CORPORA)`);
      const runs: AuditRun[] = [];
      return Promise.resolve({
        op: async () => runs.push(await vigilAudit(files())),
        report: () => {
          const last = runs.slice(-3);
          const seconds = mean(last.map((run) => run.wallMs)) / 1000;
          if (debian) {
            measured.debianSeconds = seconds;
            measured.debianChecks = last[0]?.checks ?? 0;
          }
          return {
            runs: last.length,
            checks: last[0]?.checks ?? 0,
            rulesEvaluated: last[0]?.rules ?? 0,
            failed: last[0]?.failed ?? 0,
            wallSeconds: round(seconds),
            peakRssMiB: Math.max(...last.map((run) => run.peakRssMiB)),
          };
        },
      });
    },
  };
}

const lynisBench: Benchmark = {
  name: 'audit peer: lynis audit system --quick',
  iterations: 1,
  warmup: 0,
  setup() {
    if (!existsSync(lynis))
      throw new Error(`${lynis} is missing: run scripts/install-system-deps.sh (package lynis)`);
    const runs: ChildRun[] = [];
    return Promise.resolve({
      op: async () =>
        runs.push(await runMeasured(lynis, ['audit', 'system', '--quick', '--no-colors'], [0, 1])),
      report: () => {
        const last = runs[runs.length - 1];
        const tests = Number(/Tests performed\s*:\s*(\d+)/.exec(last?.stdout ?? '')?.[1] ?? 0);
        const seconds = mean(runs.map((run) => run.wallMs)) / 1000;
        return {
          runs: runs.length,
          testsPerformed: tests,
          wallSeconds: round(seconds),
          peakRssMiB: Math.max(...runs.map((run) => run.peakRssMiB)),
          ...(measured.debianSeconds !== undefined
            ? { ratioLynisToVigilCisDebian: round(seconds / measured.debianSeconds, 1) }
            : {}),
        };
      },
    });
  },
};

export const benchmarks: Benchmark[] = [
  vigilBench(
    'audit: vigil audit host, CIS Debian 12 (5.x policy)',
    () => [join(sca, 'cis_debian12.yml')],
    true,
  ),
  vigilBench(
    'audit: vigil audit host, CIS Debian 12 + Ubuntu 22.04 + distribution-independent + Vigil baseline',
    () => [
      join(sca, 'cis_debian12.yml'),
      join(sca, 'cis_ubuntu22-04.yml'),
      join(sca, 'sca_distro_independent_linux.yml'),
      join(root, 'policies/sca/vigil_linux_baseline.yml'),
    ],
    false,
  ),
  lynisBench,
];
