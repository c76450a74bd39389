import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAgent } from '../scripts/build-agent.ts';
import { testDialects } from '../test/helpers/test-database.ts';
import { adminPassword, ApiClient, startTestServer } from '../test/helpers/test-server.ts';
import type { Benchmark } from './harness.ts';

const settleMs = 10_000;
const idleMs = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory in bytes, from /proc/<pid>/status. */
function rssBytes(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

/** User plus system CPU time in clock ticks, from /proc/<pid>/stat (fields 14 and 15). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * The bundled agent as it runs on a host: enrolled, inventory on, FIM off, one quiet log file.
 * After it settles, one 30 s idle window is sampled; the time columns mean nothing here.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'agent footprint: bundled agent idle (inventory on, no FIM)',
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
      const env = { ...process.env };
      delete env.NODE_PATH;
      delete env.NODE_OPTIONS;
      const args = [built.outfile, '--data-dir', join(dir, 'agent'), '--token', created.body.token];
      args.push('--log', logFile, '--no-fim');
      const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      await sleep(settleMs);
      const pid = child.pid;
      if (pid === undefined || child.exitCode !== null || !output.includes('agent running')) {
        throw new Error(`the agent did not start:\n${output}`);
      }
      const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
      const figures: Record<string, number> = {};
      return {
        async op() {
          const rss: number[] = [];
          const ticks0 = cpuTicks(pid);
          const t0 = performance.now();
          while (performance.now() - t0 < idleMs) {
            rss.push(rssBytes(pid));
            await sleep(1000);
          }
          const seconds = (performance.now() - t0) / 1000;
          const cpuSeconds = (cpuTicks(pid) - ticks0) / ticksPerSecond;
          const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
          figures.rssMeanMB = mb(rss.reduce((a, b) => a + b, 0) / rss.length);
          figures.rssMaxMB = mb(Math.max(...rss));
          figures.cpuPercentOfOneCore = Math.round((cpuSeconds / seconds) * 100 * 100) / 100;
          figures.bundleKiB = Math.round(built.bytes / 1024);
        },
        report: () => figures,
        async teardown() {
          child.kill('SIGTERM');
          await exited;
          await server.close();
          await db.dispose();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
