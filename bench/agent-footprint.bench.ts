import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAgent } from '../scripts/build-agent.ts';
import { defaultFimPaths } from '../src/modules/fim/default-fim-paths.ts';
import { agentUnit, installPaths } from '../src/agent/systemd-unit.ts';
import { testDialects } from '../test/helpers/test-database.ts';
import { adminPassword, ApiClient, startTestServer } from '../test/helpers/test-server.ts';
import type { Benchmark } from './harness.ts';
import { unitLaunch } from './unit-launch.ts';

/** After the first FIM scan and inventory: long enough for V8's idle GCs to have run. */
const settleMs = 30_000;
const idleMs = 60_000;
const readyTimeoutMs = 180_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory in bytes, from /proc/<pid>/status; 0 once the process is gone. */
function rssBytes(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kib ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** User plus system CPU time in clock ticks, from /proc/<pid>/stat (fields 14 and 15). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The agent's own children (journalctl), whose memory is not in the agent's RSS. */
function childrenRssBytes(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children === '' ? 0 : children.split(' ').reduce((sum, child) => sum + rssBytes(Number(child)), 0);
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The bundled agent as systemd runs it: the node flags and environment come from the unit's own
 * ExecStart= and Environment= lines, with only the bundle and data directory swapped for
 * temporary ones. Default collectors (inventory, journald where journalctl exists, FIM on its
 * default paths, named explicitly) plus one quiet log file. Sampling starts once the first FIM
 * baseline is on disk and the server holds the first inventory, after `settleMs`; a bare
 * `node -e` idles alongside for the baseline. The time columns mean nothing here.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'agent footprint: bundled agent idle, launched as its systemd unit (default collectors)',
    iterations: 1,
    warmup: 0,
    async setup() {
      const dir = mkdtempSync(join(tmpdir(), 'vigil-footprint-'));
      const built = await buildAgent({ outfile: join(dir, 'vigil-agent.mjs') });
      const db = await testDialects[0]!.create();
      const server = await startTestServer(db);
      const admin = new ApiClient(server.url);
      await admin.login('admin', adminPassword);
      const created = await admin.request<{ token: string }>('POST', '/api/agents/enrollment-tokens', {});
      const logFile = join(dir, 'app.log');
      writeFileSync(logFile, '');
      const dataDir = join(dir, 'agent');
      const launch = unitLaunch(agentUnit());
      const swapped: Record<string, string> = {
        [installPaths.bundle]: built.outfile,
        [installPaths.dataDir]: dataDir,
      };
      const args = launch.args.map((arg) => swapped[arg] ?? arg);
      args.push('--token', created.body.token, '--log', logFile, '--fim', ...defaultFimPaths);
      // systemd starts services with an empty environment but for the unit's own variables.
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...launch.env };
      const agent = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], {
        env: { PATH: env.PATH },
        stdio: 'ignore',
      });
      const output = collectOutput(agent);
      const exited = Promise.all(
        [agent, bare].map((child) => new Promise<void>((resolve) => child.once('close', () => resolve()))),
      );
      const teardown = async () => {
        agent.kill('SIGTERM');
        bare.kill('SIGTERM');
        await exited;
        await server.close();
        await db.dispose();
        rmSync(dir, { recursive: true, force: true });
      };
      try {
        const pid = agent.pid;
        const barePid = bare.pid;
        if (pid === undefined || barePid === undefined) throw new Error('could not start the processes');
        const started = performance.now();
        const ready = async () => {
          if (!existsSync(join(dataDir, 'fim-baseline.json'))) return false;
          const { agentId } = JSON.parse(readFileSync(join(dataDir, 'agent.json'), 'utf8')) as {
            agentId: string;
          };
          return (await admin.request('GET', `/api/agents/${agentId}/inventory`)).status === 200;
        };
        while (!(await ready())) {
          if (agent.exitCode !== null || performance.now() - started > readyTimeoutMs) {
            throw new Error(`the agent did not finish its first FIM scan and inventory:\n${output()}`);
          }
          await sleep(250);
        }
        const ticksPerSecond =
          Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
        const figures: Record<string, number> = {
          readySeconds: Math.round((performance.now() - started) / 100) / 10,
          startupCpuSeconds: Math.round((cpuTicks(pid) / ticksPerSecond) * 100) / 100,
        };
        await sleep(settleMs);
        return {
          async op() {
            const rss: number[] = [];
            const bareRss: number[] = [];
            const children: number[] = [];
            const ticks0 = [cpuTicks(pid), cpuTicks(barePid)] as const;
            const t0 = performance.now();
            while (performance.now() - t0 < idleMs) {
              rss.push(rssBytes(pid));
              bareRss.push(rssBytes(barePid));
              children.push(childrenRssBytes(pid));
              await sleep(1000);
            }
            if (agent.exitCode !== null) throw new Error(`the agent exited while idle:\n${output()}`);
            const seconds = (performance.now() - t0) / 1000;
            const percent = (ticks: number) =>
              Math.round((ticks / ticksPerSecond / seconds) * 100 * 100) / 100;
            Object.assign(figures, {
              rssMeanMB: mb(mean(rss)),
              rssMaxMB: mb(Math.max(...rss)),
              cpuPercentOfOneCore: percent(cpuTicks(pid) - ticks0[0]),
              childrenRssMeanMB: mb(mean(children)),
              nodeBaselineRssMeanMB: mb(mean(bareRss)),
              nodeBaselineCpuPercent: percent(cpuTicks(barePid) - ticks0[1]),
              bundleKiB: Math.round(built.bytes / 1024),
            });
          },
          report: () => figures,
          teardown,
        };
      } catch (error) {
        await teardown();
        throw error;
      }
    },
  },
];
