import type { PortResult } from '../../protocol/netscan.ts';
import { scanTcpPorts } from './scan-tcp-ports.ts';

export interface DiscoverHostsOptions {
  addresses: readonly string[];
  inScope: (address: string) => boolean;
  /** Ports tried on each host; any answer, even a refusal, proves the host is there. */
  ports?: readonly number[] | undefined;
  /** Wait this long for each attempt instead of the adaptive timeout. */
  timeoutMs?: number | undefined;
  concurrency?: number | undefined;
  /** Most connection attempts started a second, as for the port scan that follows; unlimited by default. */
  ratePerSecond?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface DiscoveredHost {
  address: string;
  up: boolean;
  /** `tcp/80 syn-ack`, `tcp/443 conn-refused` when up; `no-response`, `host-unreach`… when not. */
  reason: string;
  /** The quickest answer's round trip. */
  rttMs?: number | undefined;
}

/** Web, SSH, SMB and RDP: at least one of them answers, if only with a refusal, on nearly every host. */
const discoveryPorts: readonly number[] = [80, 443, 22, 445, 3389];

/**
 * Which addresses have a host behind them, by TCP connect to a few common ports (no ICMP without
 * raw sockets): an accepted or a refused connection both prove it. Silence on every port, or an
 * unreachable host, means down.
 */
export async function discoverHosts(options: DiscoverHostsOptions): Promise<DiscoveredHost[]> {
  const { timeoutMs } = options;
  const results = await scanTcpPorts({
    addresses: options.addresses,
    ports: options.ports ?? discoveryPorts,
    inScope: options.inScope,
    concurrency: options.concurrency,
    ratePerSecond: options.ratePerSecond,
    // One try each: a second port is a better second chance than the same port again.
    retries: 0,
    timing:
      timeoutMs === undefined
        ? undefined
        : { initialTimeoutMs: timeoutMs, maxTimeoutMs: timeoutMs, minTimeoutMs: Math.min(100, timeoutMs) },
    signal: options.signal,
    onProgress: options.onProgress && ((done, total) => options.onProgress?.(done, total)),
  });
  const byAddress = new Map<string, PortResult[]>();
  for (const result of results) {
    const known = byAddress.get(result.address);
    if (known) known.push(result);
    else byAddress.set(result.address, [result]);
  }
  return [...byAddress].map(([address, ports]) => {
    const answered = ports
      .filter((port) => port.state !== 'filtered')
      .sort((a, b) => (a.rttMs ?? 0) - (b.rttMs ?? 0))[0];
    if (answered)
      return { address, up: true, reason: `tcp/${answered.port} ${answered.reason}`, rttMs: answered.rttMs };
    return { address, up: false, reason: ports[0]?.reason ?? 'no-response' };
  });
}
