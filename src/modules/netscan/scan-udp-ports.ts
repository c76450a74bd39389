import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { PortResult, ServiceInfo } from '../../protocol/netscan.ts';
import { mapLimit } from '../inventory/map-limit.ts';
import { scanAddress } from './canonical-address.ts';
import { NetScanError, outOfScope, scanAborted } from './net-scan-error.ts';
import { udpProbes } from './udp-payloads.ts';

export interface ScanUdpPortsOptions {
  addresses: readonly string[];
  /** DNS, NTP and SNMP by default: the UDP services with a request that makes them answer. */
  ports?: readonly number[] | undefined;
  inScope: (address: string) => boolean;
  /** Wait this long for an answer to each attempt (default 1 s). */
  timeoutMs?: number | undefined;
  /** Extra attempts for a port that stayed silent (default 1): UDP loses packets. */
  retries?: number | undefined;
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface UdpScanResult {
  /** open (it answered), closed (ICMP port unreachable) or filtered (silence: open or filtered). */
  ports: PortResult[];
  /** What answered on the open ports. */
  services: ServiceInfo[];
}

type Outcome = Omit<PortResult, 'address' | 'port' | 'transport'> & {
  facts?: Record<string, string> | undefined;
};

const defaultUdpPorts: readonly number[] = [...udpProbes.keys()];

/** UDP probes over connected sockets, so the kernel reports the target's ICMP port unreachable. */
export async function scanUdpPorts(options: ScanUdpPortsOptions): Promise<UdpScanResult> {
  const ports = options.ports ?? defaultUdpPorts;
  const addresses = options.addresses.map(scanAddress);
  for (const port of ports)
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new NetScanError('bad-ports', `${String(port)} is not a port number`);
  const jobs = addresses.flatMap((address) => ports.map((port) => ({ address, port })));
  let done = 0;
  const outcomes = await mapLimit(jobs, options.concurrency ?? 64, async ({ address, port }) => {
    options.signal?.throwIfAborted();
    if (!options.inScope(address)) throw outOfScope(address);
    const outcome = await probeUdp(address, port, options);
    done += 1;
    options.onProgress?.(done, jobs.length);
    return outcome;
  }).catch((error: unknown) => {
    throw options.signal?.aborted === true ? scanAborted(options.signal) : error;
  });
  const result: UdpScanResult = { ports: [], services: [] };
  jobs.forEach(({ address, port }, index) => {
    const { facts, ...outcome } = outcomes[index] as Outcome;
    result.ports.push({ address, port, transport: 'udp', ...outcome });
    const probe = udpProbes.get(port);
    if (outcome.state === 'open')
      result.services.push({
        address,
        port,
        transport: 'udp',
        service: probe && facts ? probe.service : 'unknown',
        tls: false,
        method: probe && facts ? 'probe' : 'port',
        ...(probe?.service === 'snmp' && facts ? { auth: 'none' as const, banner: facts.sysDescr } : {}),
        ...(facts ? { details: facts } : {}),
      });
  });
  return result;
}

function probeUdp(address: string, port: number, options: ScanUdpPortsOptions): Promise<Outcome> {
  const probe = udpProbes.get(port);
  const timeoutMs = options.timeoutMs ?? 1000;
  const attempts = 1 + Math.max(0, options.retries ?? 1);
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
    let attempt = 0;
    let sentAt = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (outcome: Outcome | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.close();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = () =>
      finish(new NetScanError('aborted', 'the scan was stopped', { cause: options.signal?.reason }));
    const send = () => {
      attempt += 1;
      sentAt = performance.now();
      for (const request of probe?.requests() ?? [Buffer.alloc(0)]) socket.send(request);
      timer = setTimeout(
        () => {
          if (attempt < attempts) send();
          else finish({ state: 'filtered', reason: 'no-response' });
        },
        timeoutMs * 2 ** (attempt - 1),
      );
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED')
        finish({ state: 'closed', reason: 'port-unreach', rttMs: elapsed(sentAt) });
      else if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH')
        finish({ state: 'filtered', reason: error.code === 'EHOSTUNREACH' ? 'host-unreach' : 'net-unreach' });
      else finish(error);
    });
    socket.on('message', (answer) =>
      finish({ state: 'open', reason: 'udp-response', rttMs: elapsed(sentAt), facts: probe?.read(answer) }),
    );
    socket.connect(port, address, send);
  });
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 1000) / 1000;
}
