/*
 * Issue 7's scale targets: a generated OSV feed of 120,000 Debian and Ubuntu records
 * (osv-feed-generator.ts) read from its all.zip and indexed for a Debian 12 fleet ("cold": time
 * and the process's peak RSS growth while loading), then the match of a host with 5,000
 * installed packages against that index ("warm": the index is built, the code has run before).
 * `vigil vuln scan --feeds DIR` does exactly these two steps.
 */
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { matchPackages } from '../src/modules/vuln-match/match-packages.ts';
import type { VulnIndex } from '../src/modules/vuln-match/vuln-index.ts';
import { loadFeedDirectory } from '../src/modules/vuln-scan/load-feed-dir.ts';
import type { Benchmark } from './harness.ts';
import { benchmarkHost, generateOsvFeed } from './osv-feed-generator.ts';

const records = 120_000;
const sourcePackages = 6_000;
const installed = 5_000;

/** Samples RSS while `work` runs: the peak growth over the RSS before it started. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, growthMb: Math.round((peak - before) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

let feedDir: string | undefined;
let index: VulnIndex | undefined;

/** The generated feed is kept between runs in the temp directory: writing it takes minutes. */
function feeds(): string {
  if (feedDir !== undefined) return feedDir;
  const cached = join(tmpdir(), `vigil-bench-osv-${records}-${sourcePackages}`, 'feeds');
  if (existsSync(join(cached, 'osv-all.zip'))) return (feedDir = cached);
  const workDir = mkdtempSync(join(tmpdir(), 'vigil-vuln-bench-'));
  const started = performance.now();
  generateOsvFeed(workDir, records, sourcePackages);
  rmSync(join(workDir, 'records'), { recursive: true, force: true });
  renameSync(workDir, dirname(cached));
  process.stderr.write(`generated ${records} records in ${Math.round(performance.now() - started)} ms\n`);
  return (feedDir = cached);
}

const load: Benchmark = {
  name: `vuln feed: cold load and index of ${records} OSV records (all.zip) for Debian 12`,
  iterations: 1,
  warmup: 0,
  setup() {
    const dir = feeds();
    let growthMb = 0;
    return Promise.resolve({
      op: async () => {
        const measured = await peakRssGrowth(() =>
          loadFeedDirectory(dir, { ecosystems: new Set(['Debian:12']) }),
        );
        growthMb = measured.growthMb;
        index = measured.value.index;
        return index.size;
      },
      report: () => ({ records, indexedEntries: index?.size ?? 0, peakRssGrowthMb: growthMb }),
    });
  },
};

function match(behind: string, minor: number): Benchmark {
  return {
    name: `vuln match: ${installed} installed packages (${behind}) against the indexed feed, warm`,
    iterations: 50,
    warmup: 5,
    setup() {
      const host = benchmarkHost(installed, minor);
      let found = 0;
      return Promise.resolve({
        op: () => {
          if (index === undefined) throw new Error('run the load benchmark first (filter "vuln")');
          found = matchPackages(index, host).length;
          return Promise.resolve(found);
        },
        report: () => ({ installedPackages: installed, findings: found }),
      });
    },
  };
}

export const benchmarks: Benchmark[] = [
  load,
  match('far behind on patches', 40),
  match('patched monthly', 76),
];
