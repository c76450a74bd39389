import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PortResult } from '../../protocol/netscan.ts';
import { scanAddress } from './canonical-address.ts';
import { connectTcp, type TcpConnector } from './connect-tcp.ts';
import {
  NetScanError,
  netScanErrorCodes,
  outOfScope,
  scanAborted,
  type NetScanErrorCode,
} from './net-scan-error.ts';
import { defaultTiming, type ScanTiming } from './rtt-estimator.ts';
import type { ScanWorkerData, ScanWorkerMessage } from './scan-tcp-ports-worker.ts';
import { counter, counterSlots, freshWindow, TcpScan, type TcpScanSettings } from './tcp-scan.ts';

export interface ScanTcpPortsOptions {
  addresses: readonly string[];
  ports: readonly number[];
  /** Most connection attempts open at once (default: 1,024, or half the open-files limit if lower). */
  concurrency?: number | undefined;
  /** Most connection attempts started a second; unlimited by default. */
  ratePerSecond?: number | undefined;
  /** Extra attempts for a port that did not answer, each with twice the timeout (default 1). */
  retries?: number | undefined;
  timing?: Partial<ScanTiming> | undefined;
  signal?: AbortSignal | undefined;
  /** Ports decided so far, of all, and connection attempts made (retries included); every 100 ms or so, and at the end. */
  onProgress?: ((done: number, total: number, probes: number) => void) | undefined;
  /** Asked again right before every connection: an address it refuses is never touched. */
  inScope: (address: string) => boolean;
  /** How connections are made; tests compare the two implementations. A scan with one runs on one thread. */
  connector?: TcpConnector | undefined;
  /**
   * Threads scanning, this one included (default: one per core, at most 8, from `threadedFrom`
   * address and port pairs on; 1 below that or with a `connector`).
   */
  threads?: number | undefined;
}

/** Results kept in memory at once: a /16 against 64 ports, or 64 hosts against every port. */
const maxProbes = 4_194_304;
/** From this many pairs a scan is split over threads: a worker takes about 0.2 s to start. */
const threadedFrom = 16_384;
const maxThreads = 8;
const progressEveryMs = 100;

/**
 * TCP connect scan: open (accepted), closed (refused) or filtered (no answer after the retries,
 * or the host unreachable) for every address and port. Timeouts follow each host's measured round
 * trips; attempts run in parallel up to `concurrency`, paced by `ratePerSecond`. A large scan is
 * shared with worker threads: the per-connection work (a socket registered with and removed from
 * epoll, a callback) is CPU-bound, and one core does less of it a second than nmap's select loop.
 */
export async function scanTcpPorts(options: ScanTcpPortsOptions): Promise<PortResult[]> {
  const addresses = checkedAddresses(options);
  for (const port of options.ports)
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new NetScanError('bad-ports', `${String(port)} is not a port number`);
  const total = addresses.length * options.ports.length;
  if (total > maxProbes)
    throw new NetScanError('too-many-probes', `${total} address and port pairs is more than ${maxProbes}`);
  if (options.signal?.aborted) throw scanAborted(options.signal);
  if (total === 0) return [];

  const concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  const threads = Math.max(1, Math.min(threadCount(options, total), concurrency, maxThreads));
  const settings: TcpScanSettings = {
    addresses,
    ports: options.ports,
    // Split evenly: together the threads stay within the caller's limits.
    concurrency: Math.floor(concurrency / threads),
    freshWindow: Math.max(1, Math.floor(freshWindow / threads)),
    ratePerSecond: options.ratePerSecond === undefined ? undefined : options.ratePerSecond / threads,
    retries: Math.max(0, options.retries ?? 1),
    timing: { ...defaultTiming, ...options.timing },
  };
  const counters = new Int32Array(new SharedArrayBuffer(counterSlots * Int32Array.BYTES_PER_ELEMENT));
  const here = new TcpScan(settings, {
    inScope: options.inScope,
    connect: options.connector ?? connectTcp,
    counters,
  });
  const workers = Array.from({ length: threads - 1 }, () => startWorker({ settings, counters }));
  const progress = () =>
    options.onProgress?.(Atomics.load(counters, counter.done), total, Atomics.load(counters, counter.probes));
  const ticker = options.onProgress && setInterval(progress, progressEveryMs);
  const onAbort = () => options.signal && here.fail(scanAborted(options.signal));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const parts = await Promise.all([here.run(), ...workers.map((worker) => worker.results)]);
    progress();
    return addresses.flatMap((_, index) =>
      parts.flatMap((part) => part[index] ?? []).sort((a, b) => a.port - b.port),
    );
  } catch (error) {
    here.fail(error as Error);
    throw error;
  } finally {
    clearInterval(ticker);
    options.signal?.removeEventListener('abort', onAbort);
    for (const worker of workers) worker.stop();
  }
}

/** Canonical, each once, every one in scope: a refused address stops the scan before anything is sent. */
function checkedAddresses(options: ScanTcpPortsOptions): string[] {
  const seen = new Set<string>();
  for (const given of options.addresses) {
    const address = scanAddress(given);
    if (!options.inScope(address)) throw outOfScope(address);
    seen.add(address);
  }
  return [...seen];
}

/**
 * One thread per core, even on a loaded machine: the threads then get more of the shared CPU
 * (measured with both cores busy: two threads as fast as nmap, one thread 1.3× slower).
 */
function threadCount(options: ScanTcpPortsOptions, total: number): number {
  if (options.threads !== undefined) return Math.floor(options.threads);
  if (options.connector !== undefined || total < threadedFrom) return 1;
  return availableParallelism();
}

/**
 * The worker's module, as this one is (`.ts` under tsx, `.js` once built). On Node 20 a worker
 * does not inherit the main thread's module hooks: for TypeScript it registers tsx itself.
 */
const workerUrl = new URL(
  `./scan-tcp-ports-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);
const workerBoot = workerUrl.href.endsWith('.ts')
  ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`
  : `import(${JSON.stringify(workerUrl.href)});`;

function startWorker(data: ScanWorkerData): { results: Promise<PortResult[][]>; stop: () => void } {
  const worker = new Worker(workerBoot, { eval: true, workerData: data });
  const results = new Promise<PortResult[][]>((resolve, reject) => {
    worker.once('message', (message: ScanWorkerMessage) => {
      if ('results' in message) return resolve(message.results);
      const { code, message: text } = message.error;
      reject(
        netScanErrorCodes.includes(code as NetScanErrorCode)
          ? new NetScanError(code as NetScanErrorCode, text)
          : new Error(`a scan thread failed: ${text}`),
      );
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a scan thread stopped early (exit code ${code})`)));
  });
  return { results, stop: () => void worker.terminate() };
}

/** Half the soft open-files limit, leaving the rest to the process; 1,024 at most. */
function defaultConcurrency(): number {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (line?.[1] !== undefined) return Math.max(16, Math.min(1024, Math.floor(Number(line[1]) / 2)));
  } catch {
    // Not Linux: assume the common 1,024 limit.
  }
  return 512;
}
