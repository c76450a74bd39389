import { setMaxListeners } from 'node:events';
import type { HttpReport } from '../../protocol/net-http.ts';
import type { SshReport } from '../../protocol/net-ssh.ts';
import type { TlsReport } from '../../protocol/net-tls.ts';
import type {
  CheckFamily,
  NetFinding,
  PortResult,
  ScanError,
  ScanPhase,
  ScanProgress,
  ScanReport,
  ServiceInfo,
} from '../../protocol/netscan.ts';
import { mapLimit } from '../inventory/map-limit.ts';
import { auditHttp } from '../nethttp/audit-http.ts';
import { discoverHosts } from '../netscan/discover-hosts.ts';
import { parsePortSpec } from '../netscan/parse-port-spec.ts';
import { resolveTargets } from '../netscan/resolve-targets.ts';
import { scanTcpPorts } from '../netscan/scan-tcp-ports.ts';
import { scanUdpPorts } from '../netscan/scan-udp-ports.ts';
import { exposureFindings } from '../netservice/exposure-findings.ts';
import { identifyService } from '../netservice/identify-service.ts';
import { auditSsh } from '../netssh/audit-ssh.ts';
import { auditTls } from '../nettls/audit-tls.ts';
import { buildScanReport } from './build-scan-report.ts';
import { planChecks, type PlannedCheck } from './plan-checks.ts';
import { withDeadline } from './with-deadline.ts';

export interface NetworkScanRequest {
  /** Addresses, CIDR ranges and host names. */
  targets: string[];
  /** `22,80,8000-8100`, `top-N`, `all`. */
  ports: string;
  /** CIDR ranges the scan may touch; empty: only what the targets name. */
  scope: string[];
  exclude: string[];
  checks: CheckFamily[];
  udp?: boolean | undefined;
  /** Probe hosts before their ports and skip those that do not answer (default true). */
  discovery?: boolean | undefined;
  concurrency?: number | undefined;
  ratePerSecond?: number | undefined;
  /** How long one probe or check may wait on one endpoint. */
  timeoutMs?: number | undefined;
  /** Judge exposure as for hosts the internet reaches. */
  internetFacing?: boolean | undefined;
  /** Refuse targets that expand to more addresses than this. */
  maxAddresses?: number | undefined;
  now?: (() => Date) | undefined;
}

export interface NetworkScanHooks {
  onProgress?: ((progress: ScanProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** Identification sends a few small probes per port; checks (a TLS audit is dozens of handshakes) weigh more. */
const identifyConcurrency = 32;
const checkConcurrency = 8;
/**
 * Each engine bounds its own connections; these bound a whole identification or check on top, in
 * case one never lets go. A TLS audit is the longest: a few dozen handshakes, some in a row.
 */
const identifyBudgetMs = (timeoutMs = 10_000) => timeoutMs + 5000;
const checkBudgetMs = (timeoutMs = 5000) => Math.max(120_000, 24 * timeoutMs);

/**
 * One network audit: resolve the targets inside the scope, find the hosts that are up, scan their
 * ports, identify what listens and run the requested check families on each service. A check that
 * fails on one endpoint is recorded in the report's `errors` and the scan goes on; only bad input
 * (NetScanError) or the abort signal end it early.
 */
export async function runNetworkScan(
  request: NetworkScanRequest,
  hooks: NetworkScanHooks = {},
): Promise<ScanReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  // Every probe and check in flight listens for the abort: thousands at once are expected, not a leak.
  const signal = hooks.signal && AbortSignal.any([hooks.signal]);
  if (signal) setMaxListeners(0, signal);
  const timeoutMs = request.timeoutMs;
  const timing = (bounded: AbortSignal) => ({
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    signal: bounded,
  });
  const ports = parsePortSpec(request.ports);
  const findings: NetFinding[] = [];
  const errors: ScanError[] = [];
  let openPorts = 0;
  const progress = (phase: ScanPhase, done: number, total: number) =>
    hooks.onProgress?.({ phase, done, total, openPorts, findings: findings.length });

  progress('resolve', 0, request.targets.length);
  const resolved = await resolveTargets(request.targets, {
    scope: request.scope,
    exclude: request.exclude,
    maxAddresses: request.maxAddresses,
  });
  progress('resolve', request.targets.length, request.targets.length);
  const { inScope } = resolved;
  const allowed = resolved.addresses.map((a) => a.address);
  const names = new Map(resolved.addresses.map((a) => [a.address, a.names]));

  const up = new Map<string, string>();
  if (request.discovery === false) {
    for (const address of allowed) up.set(address, 'target-given');
  } else {
    const hosts = await discoverHosts({
      addresses: allowed,
      inScope,
      concurrency: request.concurrency,
      ratePerSecond: request.ratePerSecond,
      signal,
      onProgress: (done, total) => progress('discovery', done, total),
    });
    for (const host of hosts) if (host.up) up.set(host.address, host.reason);
  }

  let probes = 0;
  const results: PortResult[] = await scanTcpPorts({
    addresses: [...up.keys()],
    ports,
    inScope,
    concurrency: request.concurrency,
    ratePerSecond: request.ratePerSecond,
    signal,
    onProgress: (done, total, attempts) => {
      probes = attempts;
      progress('ports', done, total);
    },
  });
  const services: ServiceInfo[] = [];
  if (request.udp === true) {
    const udp = await scanUdpPorts({
      addresses: [...up.keys()],
      inScope,
      signal,
      onProgress: (done, total) => progress('udp', done, total),
    });
    results.push(...udp.ports);
    services.push(...udp.services);
  }
  openPorts = results.filter((r) => r.state === 'open').length;

  const open = results.filter((r) => r.state === 'open' && r.transport === 'tcp');
  let identified = 0;
  progress('services', 0, open.length);
  // A concurrency asked for (a fragile network) holds for identification and checks too.
  const limit = (own: number) => Math.min(own, request.concurrency ?? own);
  const found = await mapLimit(open, limit(identifyConcurrency), async ({ address, port }) => {
    const serverName = names.get(address)?.[0];
    try {
      return await withDeadline(identifyBudgetMs(timeoutMs), signal, (bounded) =>
        identifyService({ address, port, ...(serverName ? { serverName } : {}) }, timing(bounded)),
      );
    } catch (error) {
      errors.push(failure('service', address, port, error, signal));
      return undefined;
    } finally {
      progress('services', ++identified, open.length);
    }
  });
  for (const service of found) if (service) services.push(service);

  const tls: TlsReport[] = [];
  const ssh: SshReport[] = [];
  const http: HttpReport[] = [];
  const planned = services.flatMap((service) =>
    planChecks(service, request.checks, names.get(service.address)?.[0]).map((check) => ({ check, service })),
  );
  let checked = 0;
  progress('checks', 0, planned.length);
  await mapLimit(planned, limit(checkConcurrency), async ({ check, service }) => {
    try {
      findings.push(
        ...(await withDeadline(checkBudgetMs(timeoutMs), signal, (bounded) =>
          runCheck(check, service, bounded),
        )),
      );
    } catch (error) {
      errors.push(failure(check.family, check.address, check.port, error, signal));
    } finally {
      progress('checks', ++checked, planned.length);
    }
  });
  signal?.throwIfAborted();

  async function runCheck(
    check: PlannedCheck,
    service: ServiceInfo,
    bounded: AbortSignal,
  ): Promise<NetFinding[]> {
    switch (check.family) {
      case 'tls': {
        const { family: _, ...endpoint } = check;
        const audit = await auditTls(endpoint, { ...timing(bounded), now: startedAt });
        tls.push(audit.report);
        return audit.findings;
      }
      case 'ssh': {
        const { family: _, ...endpoint } = check;
        const audit = await auditSsh(endpoint, timing(bounded));
        ssh.push(audit.report);
        return audit.findings;
      }
      case 'http': {
        const { family: _, ...endpoint } = check;
        const audit = await auditHttp(endpoint, timing(bounded));
        http.push(audit.report);
        return audit.findings;
      }
      case 'exposure':
        return exposureFindings(service, {
          ...(check.host === undefined ? {} : { host: check.host }),
          internetFacing: request.internetFacing ?? false,
        });
    }
  }

  return buildScanReport({
    request: {
      targets: request.targets,
      scope: request.scope,
      exclude: request.exclude,
      ports: request.ports,
      checks: request.checks,
    },
    startedAt,
    finishedAt: now(),
    addresses: resolved.addresses,
    up,
    ports: results,
    probes,
    services,
    tls,
    ssh,
    http,
    findings,
    outOfScope: resolved.outOfScope,
    unresolved: resolved.unresolved,
    unspecified: resolved.unspecified,
    errors,
  });
}

/** A failed step as the report keeps it; an abort is not a failure of the step but the end of the scan. */
function failure(
  stage: ScanError['stage'],
  address: string,
  port: number,
  error: unknown,
  signal: AbortSignal | undefined,
): ScanError {
  signal?.throwIfAborted();
  const message = error instanceof Error ? error.message : String(error);
  return { stage, address, port, message: message.replace(/[^\x20-\x7e]/g, '?').slice(0, 300) };
}
