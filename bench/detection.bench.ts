/*
 * Detection benchmark (issue 4, "Performance"): `vigil detect` over a large generated auth.log and
 * nginx access log with the built-in pack and the SigmaHQ linux + web rules, against
 * `fail2ban-regex` with fail2ban's sshd filter on the same auth.log, plus the live path's latency
 * from an agent's post to the alert being recorded. The offline runs are child processes, so wall
 * time includes Node start-up and rule loading, and peak RSS is the child's own.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgentClient, type AgentClient } from '../src/agent/agent-client.ts';
import { enroll } from '../src/agent/enroll.ts';
import type { AgentEvent, CreatedEnrollmentToken } from '../src/protocol/agents.ts';
import type { AlertPage } from '../src/protocol/alerts.ts';
import type { RunningServer } from '../src/server/start-server.ts';
import { testDialects, type TestDatabase } from '../test/helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../test/helpers/test-server.ts';
import { count, rssMethod, runMeasured, type ChildRun } from './detection-child.ts';
import type { Benchmark } from './harness.ts';
import { writeAccessLog, writeAuthLog } from './log-generator.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpora = resolve(root, process.env.VIGIL_CORPORA ?? '../shared/corpora');
const sigmaDirs = ['linux', 'web'].map((dir) => join(corpora, 'detect', 'sigma', 'rules', dir));
const sigmaPresent = sigmaDirs.every((dir) => existsSync(dir));
const fail2banRegex = '/usr/bin/fail2ban-regex';
const sshdFilter = '/etc/fail2ban/filter.d/sshd.conf';

/** 1× is 300k auth.log + 200k access.log lines, about 3.5 days of a busy host. */
const authLines = 300_000;
const accessLines = 200_000;
/** A fixed date in the current year, so syslog lines without a year never land in the future. */
const startMs = Date.UTC(new Date().getUTCFullYear(), 0, 10);

interface LogPair {
  auth: string;
  access: string;
}

let workDir: string | undefined;
const generated = new Map<number, Promise<LogPair>>();

/** The logs at `scale`× the base size, written once per process into a temp dir. */
function logs(scale: number): Promise<LogPair> {
  let pair = generated.get(scale);
  if (!pair) {
    if (!workDir) {
      const dir = mkdtempSync(join(tmpdir(), 'vigil-detect-bench-'));
      workDir = dir;
      process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    const auth = join(workDir, `auth-${scale}x.log`);
    const access = join(workDir, `access-${scale}x.log`);
    pair = Promise.all([
      writeAuthLog(auth, authLines * scale, startMs),
      writeAccessLog(access, accessLines * scale, startMs),
    ]).then(() => ({ auth, access }));
    generated.set(scale, pair);
  }
  return pair;
}

interface VigilRun extends ChildRun {
  lines: number;
  events: number;
  alerts: number;
  pipelineSeconds: number;
  rules: number;
  correlations: number;
  unsupported: number;
}

const statsLine =
  /([\d,.\s]+) lines, ([\d,.\s]+) events, ([\d,.\s]+) alerts in ([\d.]+) s \([\d,.\s]+ lines\/s\); (\d+) rules, (\d+) correlations/;

async function vigilDetect(files: string[]): Promise<VigilRun> {
  const rules = sigmaPresent ? sigmaDirs.flatMap((dir) => ['--rules', dir]) : [];
  const args = ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'detect', '--stats', '--format', 'jsonl'];
  // Exit 1 means "alerts found", which the generated logs always have.
  const run = await runMeasured(process.execPath, [...args, ...rules, ...files], [0, 1]);
  const stats = statsLine.exec(run.stderr);
  if (!stats) throw new Error(`vigil detect printed no --stats line: ${run.stderr.slice(-2000)}`);
  return {
    ...run,
    lines: count(stats[1]),
    events: count(stats[2]),
    alerts: run.stdout.split('\n').filter((line) => line.trim() !== '').length,
    pipelineSeconds: Number(stats[4]),
    rules: Number(stats[5]),
    correlations: Number(stats[6]),
    unsupported: count(/(\d+) rules? (?:is|are) not supported/.exec(run.stderr)?.[1] ?? '0'),
  };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

/** What the vigil runs measured, for the ratio and RSS-growth reports of later benchmarks. */
const measured: { authOnlyRate?: number; authOnlyPipelineRate?: number; rss1x?: number } = {};

function vigilReport(runs: VigilRun[]): Record<string, number> {
  const last = runs[runs.length - 1];
  const wallMs = mean(runs.map((run) => run.wallMs));
  const pipelineSeconds = mean(runs.map((run) => run.pipelineSeconds));
  return {
    runs: runs.length,
    lines: last?.lines ?? 0,
    events: last?.events ?? 0,
    alerts: last?.alerts ?? 0,
    rulesLoaded: last?.rules ?? 0,
    correlationsLoaded: last?.correlations ?? 0,
    rulesUnsupported: last?.unsupported ?? 0,
    wallSeconds: round(wallMs / 1000, 2),
    /** End to end, one core: start-up, rule loading, parsing, matching, printing. */
    linesPerSecondWall: round(((last?.lines ?? 0) / wallMs) * 1000),
    /** The pipeline alone, as `--stats` times it (after rules are loaded). */
    linesPerSecondPipeline: round((last?.lines ?? 0) / pipelineSeconds),
    peakRssMiB: Math.max(...runs.map((run) => run.peakRssMiB)),
  };
}

function vigilBench(
  name: string,
  scale: number,
  files: (pair: LogPair) => string[],
  options: { iterations: number; warmup: number; onReport?: (report: Record<string, number>) => void },
): Benchmark {
  return {
    name,
    iterations: options.iterations,
    warmup: options.warmup,
    async setup() {
      process.stderr.write(`  peak RSS via ${rssMethod}; vigil detect runs on one core (single-threaded)\n`);
      if (!sigmaPresent) {
        process.stderr.write(`  note: SigmaHQ rules not found under ${corpora}; built-in pack only\n`);
      }
      const pair = await logs(scale);
      const runs: VigilRun[] = [];
      return {
        op: async () => runs.push(await vigilDetect(files(pair))),
        report: () => {
          const report = vigilReport(runs.slice(-options.iterations));
          options.onReport?.(report);
          return report;
        },
      };
    },
  };
}

interface Fail2banRun extends ChildRun {
  lines: number;
  matched: number;
  processedSeconds: number;
}

async function fail2ban(file: string): Promise<Fail2banRun> {
  const run = await runMeasured(fail2banRegex, [file, sshdFilter]);
  const lines = /Lines: (\d+) lines, (\d+) ignored, (\d+) matched, (\d+) missed/.exec(run.stdout);
  const processed = /\[processed in ([\d.]+) sec\]/.exec(run.stdout);
  if (!lines) throw new Error(`fail2ban-regex printed no summary: ${run.stdout.slice(-2000)}`);
  return {
    ...run,
    lines: Number(lines[1]),
    matched: Number(lines[3]),
    processedSeconds: Number(processed?.[1] ?? 0),
  };
}

const fail2banBench: Benchmark = {
  name: 'detection peer: fail2ban-regex, sshd filter, same auth.log 1× (300k lines)',
  iterations: 3,
  warmup: 0,
  async setup() {
    if (!existsSync(fail2banRegex)) {
      throw new Error(`${fail2banRegex} is missing: run scripts/install-system-deps.sh (package fail2ban)`);
    }
    const { auth } = await logs(1);
    const runs: Fail2banRun[] = [];
    return {
      op: async () => runs.push(await fail2ban(auth)),
      report: () => {
        const last = runs[runs.length - 1];
        const wallMs = mean(runs.map((run) => run.wallMs));
        const lines = last?.lines ?? 0;
        const rate = (lines / wallMs) * 1000;
        const processedRate = lines / mean(runs.map((run) => run.processedSeconds));
        return {
          runs: runs.length,
          lines,
          matched: last?.matched ?? 0,
          wallSeconds: round(wallMs / 1000, 2),
          linesPerSecondWall: round(rate),
          /** fail2ban-regex's own "[processed in N sec]", start-up excluded. */
          linesPerSecondProcessed: round(processedRate),
          peakRssMiB: Math.max(...runs.map((run) => run.peakRssMiB)),
          ...(measured.authOnlyRate !== undefined
            ? { ratioVigilToFail2banWall: round(measured.authOnlyRate / rate, 2) }
            : {}),
          ...(measured.authOnlyPipelineRate !== undefined
            ? { ratioVigilToFail2banProcessing: round(measured.authOnlyPipelineRate / processedRate, 2) }
            : {}),
        };
      },
    };
  },
};

/** One sample: a fresh source sends six failed passwords in one batch, which crosses the threshold of five. */
function bruteForceBatch(sample: number): { source: string; events: AgentEvent[] } {
  const source = `198.51.${Math.floor(sample / 250)}.${(sample % 250) + 1}`;
  const now = Date.now();
  const events = Array.from({ length: 6 }, (_, k): AgentEvent => {
    const time = new Date(now - (6 - k) * 1000);
    const stamp = `${time.toUTCString().slice(8, 11)} ${String(time.getUTCDate()).padStart(2, ' ')} ${time.toISOString().slice(11, 19)}`;
    return {
      id: `bench-${sample}-${k}-${Math.random().toString(36).slice(2)}`,
      time: time.toISOString(),
      kind: 'log',
      source: '/var/log/auth.log',
      data: {
        line: `${stamp} web1 sshd[${5000 + sample}]: Failed password for root from ${source} port ${40000 + k} ssh2`,
      },
    };
  });
  return { source, events };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const liveBench: Benchmark = {
  name: 'detection live: agent posts 6 failures -> idle() -> alert queryable (SQLite)',
  iterations: 300,
  warmup: 20,
  async setup() {
    const dialect = testDialects.find((d) => d.name === 'sqlite') ?? testDialects[0];
    if (!dialect) throw new Error('no test database dialect');
    const testDb: TestDatabase = await dialect.create();
    const server: RunningServer = await startTestServer(testDb);
    const admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group: 'bench',
    });
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const enrolled = await enroll({ token: created.body.token, privateKey, version: 'bench' });
    const agent: AgentClient = createAgentClient({
      serverUrl: server.url,
      agentId: enrolled.agentId,
      privateKey,
    });

    let sample = 0;
    const toIdle: number[] = [];
    const toQueryable: number[] = [];
    return {
      op: async () => {
        const { source, events } = bruteForceBatch(sample);
        sample += 1;
        const t0 = performance.now();
        await agent.post('/api/agent/v1/events', { events });
        await server.detection.live.idle();
        const t1 = performance.now();
        for (let attempt = 0; ; attempt += 1) {
          const page = await admin.request<AlertPage>('GET', `/api/alerts?srcIp=${source}`);
          if (
            page.body.alerts.some((alert) => alert.finding_info.title === 'SSH brute force from one source')
          )
            break;
          if (attempt >= 100) throw new Error(`no brute-force alert for ${source}`);
          await new Promise((done) => setTimeout(done, 5));
        }
        toIdle.push(t1 - t0);
        toQueryable.push(performance.now() - t0);
      },
      teardown: async () => {
        await server.close();
        await testDb.dispose();
      },
      report: () => {
        const idle = toIdle.slice(-liveBench.iterations).sort((a, b) => a - b);
        const queryable = toQueryable.slice(-liveBench.iterations).sort((a, b) => a - b);
        return {
          samples: idle.length,
          postToIdleP50Ms: round(percentile(idle, 50), 2),
          postToIdleP99Ms: round(percentile(idle, 99), 2),
          postToIdleMaxMs: round(idle[idle.length - 1] ?? 0, 2),
          postToQueryableP50Ms: round(percentile(queryable, 50), 2),
          postToQueryableP99Ms: round(percentile(queryable, 99), 2),
          postToQueryableMaxMs: round(queryable[queryable.length - 1] ?? 0, 2),
        };
      },
    };
  },
};

export const benchmarks: Benchmark[] = [
  vigilBench(
    'detection offline: vigil detect, auth.log + access.log 1× (500k lines), built-in + SigmaHQ linux/web',
    1,
    (pair) => [pair.auth, pair.access],
    { iterations: 3, warmup: 1, onReport: (report) => (measured.rss1x = report.peakRssMiB) },
  ),
  vigilBench(
    'detection offline: vigil detect, auth.log only 1× (300k lines), same rules',
    1,
    (pair) => [pair.auth],
    {
      iterations: 3,
      warmup: 0,
      onReport: (report) => {
        measured.authOnlyRate = report.linesPerSecondWall;
        measured.authOnlyPipelineRate = report.linesPerSecondPipeline;
      },
    },
  ),
  fail2banBench,
  vigilBench(
    'detection offline RSS growth: vigil detect, auth.log + access.log 3× (1.5M lines)',
    3,
    (pair) => [pair.auth, pair.access],
    {
      iterations: 1,
      warmup: 0,
      onReport: (report) => {
        if (measured.rss1x !== undefined) {
          report.peakRssMiB1x = measured.rss1x;
          report.rssGrowth3xOver1x = round((report.peakRssMiB ?? 0) / measured.rss1x, 2);
        }
      },
    },
  ),
  liveBench,
];
