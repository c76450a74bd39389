import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import type { PortReason, PortResult, PortState } from '../../protocol/netscan.ts';
import { canonicalAddress } from './canonical-address.ts';
import { connectTcp, type TcpConnector } from './connect-tcp.ts';
import { NetScanError, quoteInput } from './net-scan-error.ts';
import { defaultTiming, RttEstimator, type ScanTiming } from './rtt-estimator.ts';
import { TokenBucket } from './token-bucket.ts';

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
  /** How connections are made; tests compare the two implementations. */
  connector?: TcpConnector | undefined;
}

/** Results kept in memory at once: a /16 against 64 ports, or 64 hosts against every port. */
export const maxProbes = 4_194_304;
/** Attempts in their first milliseconds at once: more only makes a fast host's kernel work harder. */
const freshWindow = 64;
/** After this long an attempt counts as waiting (for a slow or silent host), no longer as fresh. */
const agedAfterMs = 5;
const sweepEveryMs = 5;
const progressEveryMs = 100;
/** A host that answers nothing and reports unreachable this often is left alone. */
const unreachableLimit = 3;
const resourcePauseMs = 100;

const resourceErrors = new Set(['EMFILE', 'ENFILE', 'EADDRNOTAVAIL', 'ENOBUFS', 'EAGAIN', 'ENOMEM']);
const unreachableReasons = new Map<string, PortReason>([
  ['EHOSTUNREACH', 'host-unreach'],
  ['EHOSTDOWN', 'host-unreach'],
  ['ENETUNREACH', 'net-unreach'],
  ['ENETDOWN', 'net-unreach'],
  // A local firewall rule or a broadcast address: the packet never left.
  ['EACCES', 'host-unreach'],
  ['EPERM', 'host-unreach'],
]);
/** Back-offs in a row with nothing in flight (about 10 s) before the scan gives up on the system. */
const resourceStarvedLimit = 100;

interface Host {
  address: string;
  family: 4 | 6;
  rtt: RttEstimator;
  answered: number;
  unreachable: number;
  /** Set once the host is given up on: its remaining ports are filtered for this reason. */
  down: PortReason | undefined;
  results: PortResult[];
}

/** One attempt at one port, queued or in flight; always made by `newProbe()`, so all share one shape. */
interface Probe {
  host: Host;
  port: number;
  attempt: number;
  /** Retries wait one timeout before going out again. */
  notBefore: number;
  started: number;
  deadline: number;
  aged: boolean;
  cancel: () => void;
}

const notStarted = () => undefined;

function newProbe(host: Host, port: number, attempt: number, notBefore: number): Probe {
  return { host, port, attempt, notBefore, started: 0, deadline: 0, aged: false, cancel: notStarted };
}

/**
 * TCP connect scan: open (accepted), closed (refused) or filtered (no answer after the retries,
 * or the host unreachable) for every address and port. Timeouts follow each host's measured round
 * trips; attempts run in parallel up to `concurrency`, paced by `ratePerSecond`.
 */
export async function scanTcpPorts(options: ScanTcpPortsOptions): Promise<PortResult[]> {
  const hosts = prepareHosts(options);
  for (const port of options.ports)
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new NetScanError('bad-ports', `${String(port)} is not a port number`);
  const total = hosts.length * options.ports.length;
  if (total > maxProbes)
    throw new NetScanError('too-many-probes', `${total} address and port pairs is more than ${maxProbes}`);
  if (options.signal?.aborted)
    return Promise.reject(
      new NetScanError('aborted', 'the scan was stopped', { cause: options.signal.reason }),
    );
  if (total === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => new TcpScan(options, hosts, total, resolve, reject).start());
}

function prepareHosts(options: ScanTcpPortsOptions): Host[] {
  const timing = { ...defaultTiming, ...options.timing };
  const seen = new Set<string>();
  const hosts: Host[] = [];
  for (const given of options.addresses) {
    const address = canonicalAddress(given);
    if (address === undefined) throw new NetScanError('bad-target', `${quoteInput(given)} is not an address`);
    if (!options.inScope(address)) throw outOfScope(address);
    if (seen.has(address)) continue;
    seen.add(address);
    hosts.push({
      address,
      family: isIPv6(address) ? 6 : 4,
      rtt: new RttEstimator(timing),
      answered: 0,
      unreachable: 0,
      down: undefined,
      results: [],
    });
  }
  return hosts;
}

class TcpScan {
  readonly #options: ScanTcpPortsOptions;
  readonly #hosts: Host[];
  readonly #total: number;
  readonly #resolve: (results: PortResult[]) => void;
  readonly #reject: (error: Error) => void;
  readonly #connect: TcpConnector;
  readonly #retries: number;
  readonly #bucket: TokenBucket | undefined;
  readonly #inflight = new Set<Probe>();
  readonly #retryQueue: Probe[] = [];
  #retryHead = 0;
  /** Fresh jobs are numbered port-major, so consecutive attempts go to different hosts. */
  #nextJob = 0;
  #limit: number;
  #aged = 0;
  #done = 0;
  #probes = 0;
  #pausedUntil = 0;
  #starved = 0;
  #wakeTimer: NodeJS.Timeout | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #lastProgress = 0;
  #finished = false;

  constructor(
    options: ScanTcpPortsOptions,
    hosts: Host[],
    total: number,
    resolve: (results: PortResult[]) => void,
    reject: (error: Error) => void,
  ) {
    this.#options = options;
    this.#hosts = hosts;
    this.#total = total;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#connect = options.connector ?? connectTcp;
    this.#retries = Math.max(0, options.retries ?? 1);
    this.#bucket = options.ratePerSecond === undefined ? undefined : new TokenBucket(options.ratePerSecond);
    this.#limit = Math.max(1, options.concurrency ?? defaultConcurrency());
  }

  start(): void {
    this.#options.signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#sweeper = setInterval(() => this.#sweep(), sweepEveryMs);
    this.#pump();
  }

  readonly #onAbort = () =>
    this.#fail(new NetScanError('aborted', 'the scan was stopped', { cause: this.#options.signal?.reason }));

  #pump(): void {
    const { ports, inScope } = this.#options;
    const now = performance.now();
    while (!this.#finished && this.#inflight.size < this.#limit) {
      if (this.#inflight.size - this.#aged >= freshWindow) return;
      if (now < this.#pausedUntil) return this.#wakeAt(this.#pausedUntil - now);
      const retry = this.#retryQueue[this.#retryHead];
      const readyRetry = retry !== undefined && retry.notBefore <= now;
      if (!readyRetry && this.#nextJob >= this.#total) {
        if (retry !== undefined) this.#wakeAt(retry.notBefore - now);
        return;
      }
      const job = readyRetry ? retry : this.#freshJob(ports);
      if (job.host.down !== undefined) {
        if (readyRetry) this.#shiftRetry();
        this.#record(job.host, job.port, 'filtered', job.host.down);
        continue;
      }
      const wait = this.#bucket?.take(now) ?? 0;
      if (wait > 0) {
        // The fresh job was taken: it goes back as a retry due now, keeping its place in line.
        if (!readyRetry) this.#retryQueue.splice(this.#retryHead, 0, job);
        return this.#wakeAt(wait);
      }
      if (readyRetry) this.#shiftRetry();
      if (!inScope(job.host.address)) return this.#fail(outOfScope(job.host.address));
      this.#launch(job, now);
    }
  }

  #freshJob(ports: readonly number[]): Probe {
    const index = this.#nextJob++;
    const host = this.#hosts[index % this.#hosts.length] as Host;
    return newProbe(host, ports[Math.floor(index / this.#hosts.length)] as number, 0, 0);
  }

  #shiftRetry(): void {
    this.#retryHead += 1;
    // Drop the consumed head now and then, so a long scan's queue does not keep every retry.
    if (this.#retryHead > 1024 && this.#retryHead * 2 > this.#retryQueue.length) {
      this.#retryQueue.splice(0, this.#retryHead);
      this.#retryHead = 0;
    }
  }

  #launch(attempt: Probe, now: number): void {
    attempt.started = now;
    attempt.deadline = now + attempt.host.rtt.timeoutMs(attempt.attempt);
    this.#inflight.add(attempt);
    this.#probes += 1;
    attempt.cancel = this.#connect(attempt.host.address, attempt.host.family, attempt.port, (code, self) =>
      this.#settle(attempt, code, self),
    );
  }

  #settle(probe: Probe, code: string | undefined, selfConnected: boolean): void {
    if (!this.#forget(probe)) return;
    const { host, port } = probe;
    const rttMs = performance.now() - probe.started;
    if (code === undefined || code === 'ECONNREFUSED' || code === 'ECONNRESET') {
      host.rtt.sample(rttMs);
      host.answered += 1;
      if (code === undefined && !selfConnected) this.#record(host, port, 'open', 'syn-ack', rttMs);
      else this.#record(host, port, 'closed', 'conn-refused', rttMs);
    } else if (resourceErrors.has(code)) {
      // Out of file descriptors or local ports: back off, run fewer at once, and try this port again.
      this.#starved = this.#inflight.size === 0 ? this.#starved + 1 : 0;
      if (this.#starved > resourceStarvedLimit)
        return this.#fail(new NetScanError('no-resources', `no sockets could be opened (${code})`));
      this.#limit = Math.max(8, Math.floor(this.#inflight.size * 0.75));
      this.#pausedUntil = performance.now() + resourcePauseMs;
      this.#retryQueue.splice(this.#retryHead, 0, newProbe(host, port, probe.attempt, 0));
    } else if (unreachableReasons.has(code)) {
      const reason = unreachableReasons.get(code) as PortReason;
      host.unreachable += 1;
      // Without a single answer the host (or the way to it) is gone: stop hammering it. A host that
      // did answer has a firewall rejecting some ports, and only those are unreachable.
      if (host.answered === 0 && (reason === 'net-unreach' || host.unreachable >= unreachableLimit))
        host.down = reason;
      this.#record(host, port, 'filtered', reason);
    } else {
      this.#timedOut(probe);
    }
    this.#pump();
  }

  #timedOut(probe: Probe): void {
    const { host, port, attempt } = probe;
    if (host.down !== undefined) this.#record(host, port, 'filtered', host.down);
    else if (attempt < this.#retries)
      this.#retryQueue.push(
        newProbe(host, port, attempt + 1, performance.now() + host.rtt.timeoutMs(attempt)),
      );
    else this.#record(host, port, 'filtered', 'no-response');
  }

  #forget(probe: Probe): boolean {
    if (!this.#inflight.delete(probe)) return false;
    if (probe.aged) this.#aged -= 1;
    return true;
  }

  #sweep(): void {
    const now = performance.now();
    // Progress from the sweep, not per port: a fast scan decides thousands of ports between two looks.
    if (this.#options.onProgress && now - this.#lastProgress >= progressEveryMs) {
      this.#lastProgress = now;
      this.#options.onProgress(this.#done, this.#total, this.#probes);
    }
    const expired: Probe[] = [];
    for (const probe of this.#inflight) {
      if (!probe.aged && now - probe.started > agedAfterMs) {
        probe.aged = true;
        this.#aged += 1;
      }
      if (now >= probe.deadline) expired.push(probe);
    }
    if (expired.length > 0)
      // An answer that arrived while this process was busy is read in the poll phase before
      // setImmediate runs: a late event loop never turns an answered port into a timeout.
      setImmediate(() => {
        for (const probe of expired) {
          if (!this.#inflight.has(probe)) continue;
          probe.cancel();
          this.#forget(probe);
          this.#timedOut(probe);
        }
        this.#pump();
      });
    this.#pump();
  }

  #wakeAt(delayMs: number): void {
    if (this.#wakeTimer !== undefined) return;
    this.#wakeTimer = setTimeout(
      () => {
        this.#wakeTimer = undefined;
        this.#pump();
      },
      Math.max(1, Math.ceil(delayMs)),
    );
  }

  #record(host: Host, port: number, state: PortState, reason: PortReason, rttMs?: number): void {
    host.results.push({
      address: host.address,
      port,
      transport: 'tcp',
      state,
      reason,
      ...(rttMs === undefined ? {} : { rttMs: Math.round(rttMs * 1000) / 1000 }),
    });
    this.#done += 1;
    if (this.#done === this.#total) {
      this.#options.onProgress?.(this.#done, this.#total, this.#probes);
      this.#finish();
    }
  }

  #finish(): void {
    this.#stop();
    this.#resolve(this.#hosts.flatMap((host) => host.results.sort((a, b) => a.port - b.port)));
  }

  #fail(error: Error): void {
    if (this.#finished) return;
    this.#stop();
    this.#reject(error);
  }

  #stop(): void {
    this.#finished = true;
    clearInterval(this.#sweeper);
    clearTimeout(this.#wakeTimer);
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    for (const probe of this.#inflight) probe.cancel();
    this.#inflight.clear();
  }
}

function outOfScope(address: string): NetScanError {
  return new NetScanError('out-of-scope', `${address} is outside the scan's scope; nothing was sent to it`);
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
