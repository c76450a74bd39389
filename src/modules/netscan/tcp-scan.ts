import { isIPv6 } from 'node:net';
import type { PortReason, PortResult, PortState } from '../../protocol/netscan.ts';
import type { TcpConnector } from './connect-tcp.ts';
import { NetScanError, outOfScope } from './net-scan-error.ts';
import { RttEstimator, type ScanTiming } from './rtt-estimator.ts';
import { TokenBucket } from './token-bucket.ts';

/** Attempts in their first milliseconds at once, over all threads: more only makes a fast host's kernel work harder. */
export const freshWindow = 64;
/** After this long an attempt counts as waiting (for a slow or silent host), no longer as fresh. */
const agedAfterMs = 5;
const sweepEveryMs = 5;
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

/** Slots of the counters every thread of one scan shares (an `Int32Array`, shared between threads). */
export const counter = { nextJob: 0, done: 1, probes: 2 } as const;
export const counterSlots = 3;

/** What one thread's scanner is given; everything in it crosses to a worker as is, except `inScope` and `connector`. */
export interface TcpScanSettings {
  /** Canonical, already checked against the scope, each once. */
  addresses: readonly string[];
  ports: readonly number[];
  /** This thread's share of the concurrency, the fresh window and the rate cap. */
  concurrency: number;
  freshWindow: number;
  ratePerSecond: number | undefined;
  retries: number;
  timing: ScanTiming;
}

export interface TcpScanHooks {
  inScope: (address: string) => boolean;
  connect: TcpConnector;
  /** Claims jobs (`nextJob`) and counts decided ports and attempts, with the scan's other threads. */
  counters: Int32Array;
}

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
 * One thread's connect scan. Jobs (address × port, numbered port-major so consecutive attempts go
 * to different hosts) are claimed one at a time from the shared counter, so threads that start
 * late or run slow simply take fewer; `run()` resolves with the results of the jobs this thread
 * claimed, per address, once no job is left to claim and its own are all decided.
 */
export class TcpScan {
  readonly #settings: TcpScanSettings;
  readonly #hooks: TcpScanHooks;
  readonly #hosts: Host[];
  readonly #total: number;
  readonly #bucket: TokenBucket | undefined;
  readonly #inflight = new Set<Probe>();
  readonly #retryQueue: Probe[] = [];
  #retryHead = 0;
  #claimed = 0;
  #exhausted = false;
  #limit: number;
  #aged = 0;
  #done = 0;
  #pausedUntil = 0;
  #starved = 0;
  #wakeTimer: NodeJS.Timeout | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #finished = false;
  #resolve: (results: PortResult[][]) => void = () => undefined;
  #reject: (error: Error) => void = () => undefined;

  constructor(settings: TcpScanSettings, hooks: TcpScanHooks) {
    this.#settings = settings;
    this.#hooks = hooks;
    this.#hosts = settings.addresses.map((address) => ({
      address,
      family: isIPv6(address) ? 6 : 4,
      rtt: new RttEstimator(settings.timing),
      answered: 0,
      unreachable: 0,
      down: undefined,
      results: [],
    }));
    this.#total = this.#hosts.length * settings.ports.length;
    this.#bucket = settings.ratePerSecond === undefined ? undefined : new TokenBucket(settings.ratePerSecond);
    this.#limit = Math.max(1, settings.concurrency);
  }

  run(): Promise<PortResult[][]> {
    return new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      this.#sweeper = setInterval(() => this.#sweep(), sweepEveryMs);
      this.#pump();
    });
  }

  /** Closes every socket and rejects `run()` with `error`; nothing is sent after. */
  fail(error: Error): void {
    if (this.#finished) return;
    this.#stop();
    this.#reject(error);
  }

  #pump(): void {
    const { inScope } = this.#hooks;
    const now = performance.now();
    while (!this.#finished && this.#inflight.size < this.#limit) {
      if (this.#inflight.size - this.#aged >= this.#settings.freshWindow) return;
      if (now < this.#pausedUntil) return this.#wakeAt(this.#pausedUntil - now);
      const retry = this.#retryQueue[this.#retryHead];
      const readyRetry = retry !== undefined && retry.notBefore <= now;
      const job = readyRetry ? retry : this.#freshJob();
      if (job === undefined) {
        if (retry !== undefined) this.#wakeAt(retry.notBefore - now);
        else if (this.#inflight.size === 0) this.#finishIfDone();
        return;
      }
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
      if (!inScope(job.host.address)) return this.fail(outOfScope(job.host.address));
      this.#launch(job, now);
    }
  }

  #freshJob(): Probe | undefined {
    if (this.#exhausted) return undefined;
    const index = Atomics.add(this.#hooks.counters, counter.nextJob, 1);
    if (index >= this.#total) {
      this.#exhausted = true;
      return undefined;
    }
    this.#claimed += 1;
    const host = this.#hosts[index % this.#hosts.length] as Host;
    return newProbe(host, this.#settings.ports[Math.floor(index / this.#hosts.length)] as number, 0, 0);
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
    Atomics.add(this.#hooks.counters, counter.probes, 1);
    attempt.cancel = this.#hooks.connect(
      attempt.host.address,
      attempt.host.family,
      attempt.port,
      (code, self) => this.#settle(attempt, code, self),
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
        return this.fail(new NetScanError('no-resources', `no sockets could be opened (${code})`));
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
    else if (attempt < this.#settings.retries)
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
    // Two literals rather than a spread: this runs once per port, 65,535 times in a full scan.
    host.results.push(
      rttMs === undefined
        ? { address: host.address, port, transport: 'tcp', state, reason }
        : {
            address: host.address,
            port,
            transport: 'tcp',
            state,
            reason,
            rttMs: Math.round(rttMs * 1000) / 1000,
          },
    );
    this.#done += 1;
    Atomics.add(this.#hooks.counters, counter.done, 1);
    if (this.#done === this.#claimed && this.#exhausted) this.#finishIfDone();
  }

  #finishIfDone(): void {
    if (this.#finished || !this.#exhausted || this.#done !== this.#claimed) return;
    this.#stop();
    this.#resolve(this.#hosts.map((host) => host.results));
  }

  #stop(): void {
    this.#finished = true;
    clearInterval(this.#sweeper);
    clearTimeout(this.#wakeTimer);
    for (const probe of this.#inflight) probe.cancel();
    this.#inflight.clear();
  }
}
