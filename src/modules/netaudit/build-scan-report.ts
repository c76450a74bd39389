import type { HttpReport } from '../../protocol/net-http.ts';
import type { SshReport } from '../../protocol/net-ssh.ts';
import type { TlsReport } from '../../protocol/net-tls.ts';
import type {
  CheckFamily,
  HostReport,
  NetFinding,
  PortResult,
  ScanError,
  ScanReport,
  ServiceInfo,
} from '../../protocol/netscan.ts';
import { compareAddresses } from './compare-addresses.ts';
import { compareFindings } from './compare-findings.ts';

/** Everything one scan gathered, in whatever order it arrived. */
export interface ScanResults {
  request: { targets: string[]; scope: string[]; exclude: string[]; ports: string; checks: CheckFamily[] };
  startedAt: Date;
  finishedAt: Date;
  /** Every in-scope address the targets resolved to, with the names it was given as. */
  addresses: { address: string; names: string[] }[];
  /** Hosts that count as up, and why. */
  up: ReadonlyMap<string, string>;
  /** Every port's result, open or not. */
  ports: PortResult[];
  /** Connection attempts made, retries included. */
  probes: number;
  services: ServiceInfo[];
  tls: TlsReport[];
  ssh: SshReport[];
  http: HttpReport[];
  findings: NetFinding[];
  outOfScope: string[];
  unresolved: string[];
  unspecified: string[];
  errors: ScanError[];
}

/**
 * The report as stored, shown and diffed: up hosts by address, ports and services by port, findings
 * most severe first, a finding carrying the name its address was given as. The same results always
 * give the same report, so two scans of an unchanged network compare equal.
 */
export function buildScanReport(results: ScanResults): ScanReport {
  const names = new Map(results.addresses.map((a) => [a.address, a.names]));
  const hosts = results.addresses
    .filter(({ address }) => results.up.has(address))
    .sort((a, b) => compareAddresses(a.address, b.address))
    .map(({ address, names: hostNames }): HostReport => {
      const mine = <T extends { address: string; port: number }>(items: T[]) =>
        items.filter((item) => item.address === address).sort(byEndpoint);
      return {
        address,
        names: hostNames,
        up: true,
        upReason: results.up.get(address),
        ports: mine(results.ports.filter((p) => p.state === 'open')),
        services: mine(results.services),
        tls: mine(results.tls),
        ssh: mine(results.ssh),
        http: mine(results.http),
      };
    });
  const findings = results.findings
    .map((finding) => {
      const host = finding.host ?? names.get(finding.address)?.[0];
      return host === undefined ? finding : { ...finding, host };
    })
    .sort(compareFindings);
  const errors = [...results.errors].sort(
    (a, b) =>
      compareAddresses(a.address, b.address) ||
      (a.port ?? -1) - (b.port ?? -1) ||
      (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0),
  );
  return {
    startedAt: results.startedAt.toISOString(),
    finishedAt: results.finishedAt.toISOString(),
    ...results.request,
    hosts,
    findings,
    outOfScope: results.outOfScope,
    unresolved: results.unresolved,
    unspecified: results.unspecified,
    errors,
    stats: {
      addresses: results.addresses.length,
      hostsUp: hosts.length,
      probes: results.probes,
      openPorts: results.ports.filter((p) => p.state === 'open').length,
      outOfScope: results.outOfScope.length,
    },
  };
}

/** By port, TCP before UDP on the same number. */
function byEndpoint(
  a: { port: number; transport?: string },
  b: { port: number; transport?: string },
): number {
  return a.port - b.port || (a.transport === b.transport ? 0 : a.transport === 'udp' ? 1 : -1);
}
