/*
 * `npm run bench`: runs every bench/*.bench.ts, prints a table and writes the
 * figures to bench/results/<date>.json. Copy the figures that matter into
 * docs/benchmarks.md with the machine they ran on.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type Benchmark, type BenchResult } from './harness.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const results: BenchResult[] = [];

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  const { benchmarks } = (await import(join(dir, file))) as { benchmarks: Benchmark[] };
  for (const bench of benchmarks) {
    if (filter && !bench.name.includes(filter)) continue;
    process.stderr.write(`running ${bench.name} …\n`);
    results.push(await measure(bench));
  }
}

const header = ['benchmark', 'ops/s', 'mean ms', 'p50 ms', 'p95 ms', 'p99 ms'];
const rows = results.map((r) => [r.name, r.opsPerSecond, r.meanMs, r.p50Ms, r.p95Ms, r.p99Ms].map(String));
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
for (const row of [header, ...rows]) {
  process.stdout.write(
    `${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}\n`,
  );
}

for (const r of results) {
  if (r.report) process.stdout.write(`${r.name}: ${JSON.stringify(r.report)}\n`);
}

const machine = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memGiB: Math.round(totalmem() / 2 ** 30),
};
mkdirSync(join(dir, 'results'), { recursive: true });
const out = join(dir, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2)}\n`);
process.stderr.write(`results written to ${out}\n`);
