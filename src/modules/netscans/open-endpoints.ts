import type { ScanReport, ServiceInfo, Transport } from '../../protocol/netscan.ts';

/** One port a scan found open, with what answered on it. */
export interface OpenEndpoint {
  address: string;
  port: number;
  transport: Transport;
  names: string[];
  service: ServiceInfo | undefined;
  /** The leaf certificate's SHA-256 and what it says, when a TLS audit ran on the port. */
  certificate: { sha256: string; subject: string; notAfter: string } | undefined;
}

export function endpointKey(endpoint: { address: string; port: number; transport: string }): string {
  return `${endpoint.address}|${endpoint.transport}|${endpoint.port}`;
}

/** Every open endpoint of a report by endpointKey, in the report's order. */
export function openEndpoints(report: ScanReport): Map<string, OpenEndpoint> {
  const endpoints = new Map<string, OpenEndpoint>();
  for (const host of report.hosts) {
    for (const port of host.ports) {
      if (port.state !== 'open') continue;
      const service = host.services.find(
        (candidate) => candidate.port === port.port && candidate.transport === port.transport,
      );
      const leaf =
        port.transport === 'tcp' ? host.tls.find((tls) => tls.port === port.port)?.chain[0] : undefined;
      endpoints.set(endpointKey(port), {
        address: host.address,
        port: port.port,
        transport: port.transport,
        names: host.names,
        service,
        certificate: leaf
          ? { sha256: leaf.fingerprintSha256, subject: leaf.subject, notAfter: leaf.notAfter }
          : undefined,
      });
    }
  }
  return endpoints;
}

/** `ssh OpenSSH 9.2p1`, `https nginx`, `open` when nothing was identified: printable text from the report. */
export function describeService(service: ServiceInfo | undefined): string {
  if (!service) return 'open';
  const name = service.tls && service.service !== 'tls' ? `${service.service}+tls` : service.service;
  return [name, service.product, service.version].filter(Boolean).join(' ');
}
