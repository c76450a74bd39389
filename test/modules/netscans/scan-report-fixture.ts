import type { Severity } from '../../../src/protocol/finding.ts';
import type { TlsReport } from '../../../src/protocol/net-tls.ts';
import {
  checkFamilies,
  type HostReport,
  type NetFinding,
  type ScanReport,
  type ServiceInfo,
} from '../../../src/protocol/netscan.ts';

/* ScanReports built by hand, as the engine would return them, for storage and diff tests. */

export interface PortFixture {
  port: number;
  service?: Pick<ServiceInfo, 'service'> & Partial<ServiceInfo>;
  /** A leaf certificate fingerprint: the port ran a TLS audit. */
  cert?: string;
}

export function host(
  address: string,
  ports: PortFixture[],
  options: { up?: boolean; names?: string[] } = {},
) {
  const up = options.up ?? true;
  return {
    address,
    names: options.names ?? [],
    up,
    ports: up
      ? ports.map((p) => ({
          address,
          port: p.port,
          transport: 'tcp' as const,
          state: 'open' as const,
          reason: 'syn-ack' as const,
        }))
      : [],
    services: up
      ? ports
          .filter((p) => p.service)
          .map((p): ServiceInfo => ({
            address,
            port: p.port,
            transport: 'tcp',
            tls: false,
            method: 'probe',
            ...p.service!,
          }))
      : [],
    tls: up ? ports.filter((p) => p.cert).map((p) => tlsReport(address, p.port, p.cert!)) : [],
    ssh: [],
    http: [],
  } satisfies HostReport;
}

function tlsReport(address: string, port: number, fingerprint: string): TlsReport {
  return {
    address,
    port,
    protocols: [],
    ciphers: [],
    chain: [
      {
        subject: `CN=${address}`,
        issuer: `CN=${address}`,
        subjectAltNames: [],
        notBefore: '2026-01-01T00:00:00.000Z',
        notAfter: '2027-01-01T00:00:00.000Z',
        keyType: 'ec',
        keyBits: 256,
        signatureAlgorithm: 'ecdsa-with-SHA256',
        fingerprintSha256: fingerprint,
        selfSigned: true,
      },
    ],
    trusted: false,
  };
}

export function finding(
  check: string,
  address: string,
  port: number | undefined,
  severity: Severity,
): NetFinding {
  return {
    check,
    title: `${check} title`,
    severity,
    address,
    ...(port === undefined ? {} : { port, transport: 'tcp' as const }),
    evidence: `${check} seen on ${address}`,
    remediation: `fix ${check}`,
    tags: ['cwe-000'],
  };
}

export function report(
  hosts: HostReport[],
  findings: NetFinding[],
  options: { finishedAt: string; ports?: string; checks?: ScanReport['checks'] },
): ScanReport {
  const openPorts = hosts.reduce((sum, h) => sum + h.ports.length, 0);
  return {
    startedAt: options.finishedAt,
    finishedAt: options.finishedAt,
    targets: hosts.map((h) => h.address),
    scope: ['10.0.0.0/8'],
    exclude: [],
    ports: options.ports ?? '22,80,443,6379',
    checks: options.checks ?? [...checkFamilies],
    hosts,
    findings,
    stats: {
      addresses: hosts.length,
      hostsUp: hosts.filter((h) => h.up).length,
      probes: hosts.length * 4,
      openPorts,
      outOfScope: 0,
    },
  };
}
