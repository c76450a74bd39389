/** A benchmark: `setup` returns the operation to time and an optional cleanup. */
export interface Benchmark {
  name: string;
  /** Timed iterations after warm-up. */
  iterations: number;
  warmup?: number;
  setup(): Promise<{
    op: () => Promise<unknown>;
    teardown?: () => Promise<void>;
    /** Figures other than time that the run measured (memory, CPU), read after the timed runs. */
    report?: () => Record<string, number>;
  }>;
}

export interface BenchResult {
  name: string;
  iterations: number;
  opsPerSecond: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  report?: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function measure(bench: Benchmark): Promise<BenchResult> {
  const { op, teardown, report } = await bench.setup();
  try {
    for (let i = 0; i < (bench.warmup ?? Math.ceil(bench.iterations / 10)); i += 1) await op();
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < bench.iterations; i += 1) {
      const t0 = performance.now();
      await op();
      samples.push(performance.now() - t0);
    }
    const total = performance.now() - started;
    samples.sort((a, b) => a - b);
    return {
      name: bench.name,
      iterations: bench.iterations,
      opsPerSecond: Math.round((bench.iterations / total) * 1000),
      meanMs: round(total / bench.iterations),
      p50Ms: round(percentile(samples, 50)),
      p95Ms: round(percentile(samples, 95)),
      p99Ms: round(percentile(samples, 99)),
      ...(report ? { report: report() } : {}),
    };
  } finally {
    await teardown?.();
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
