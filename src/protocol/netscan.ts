import type { Severity } from './finding.ts';
import type { HttpReport } from './net-http.ts';
import type { SshReport } from './net-ssh.ts';
import type { TlsReport } from './net-tls.ts';

/*
 * Network audits (docs/network-audits.md): what a scan found, shared by the scanner, the CLI, the
 * server's scan history and the console. Each check family keeps its own report file
 * (net-tls.ts, net-ssh.ts, net-http.ts); this file holds the scan as a whole.
 */

export const portStates = ['open', 'closed', 'filtered'] as const;
export type PortState = (typeof portStates)[number];

export type Transport = 'tcp' | 'udp';

/** Why a port got its state, in nmap's words where nmap has one. */
export type PortReason =
  | 'syn-ack'
  | 'conn-refused'
  | 'no-response'
  | 'host-unreach'
  | 'net-unreach'
  | 'udp-response'
  | 'port-unreach';

export interface PortResult {
  address: string;
  port: number;
  transport: Transport;
  state: PortState;
  reason: PortReason;
  /** Round trip of the probe that decided the state, when one came back. */
  rttMs?: number | undefined;
}

export const serviceNames = [
  'ssh',
  'http',
  'tls',
  'smtp',
  'imap',
  'pop3',
  'ftp',
  'redis',
  'postgresql',
  'mysql',
  'mongodb',
  'mqtt',
  'nats',
  'amqp',
  'rdp',
  'smb',
  'telnet',
  'dns',
  'elasticsearch',
  'ntp',
  'snmp',
  'unknown',
] as const;
export type ServiceName = (typeof serviceNames)[number];

export interface ServiceInfo {
  address: string;
  port: number;
  transport: Transport;
  /** The application protocol; `tls` only when nothing inside the TLS layer was recognised. */
  service: ServiceName;
  /** The service speaks TLS from the first byte (https, imaps, a TLS-wrapped anything). */
  tls: boolean;
  /** The cleartext protocol offers an upgrade to TLS (SMTP/IMAP/POP3/FTP STARTTLS, PostgreSQL SSLRequest…). */
  starttls?: boolean | undefined;
  product?: string | undefined;
  version?: string | undefined;
  /** The first line the service sent, made printable and capped (attacker-controlled text). */
  banner?: string | undefined;
  /**
   * Whether the service let the probe in without credentials: `none` means an unauthenticated
   * client could use it (Redis answering PING, PostgreSQL trust, an open MongoDB…).
   */
  auth?: 'none' | 'required' | 'unknown' | undefined;
  /** How sure the identification is: `probe` (the protocol answered), `banner`, or `port` (a guess from the number). */
  method: 'probe' | 'banner' | 'port';
  /** Extra facts the exposure checks and the console show, printable text only. */
  details?: Record<string, string> | undefined;
}

/** One problem a check found on one endpoint: the unit of the report, SARIF, and the server's findings. */
export interface NetFinding {
  /** Stable id of the check that fired, `family.name` (`tls.protocol-tls1.0`, `exposure.redis-no-auth`). */
  check: string;
  title: string;
  severity: Severity;
  address: string;
  /** The name the target was given as, when it was a name. */
  host?: string | undefined;
  port?: number | undefined;
  transport?: Transport | undefined;
  /** What was seen, in words an admin can verify by hand (printable, capped). */
  evidence: string;
  remediation: string;
  /** CWE ids, ATT&CK ids, `cleartext`, `internet-facing`… */
  tags?: string[] | undefined;
}

/** What a check says, before it is placed at an endpoint. */
export type FindingText = Pick<
  NetFinding,
  'check' | 'title' | 'severity' | 'evidence' | 'remediation' | 'tags'
>;

/** A check's finding at the endpoint it was seen on (the name the target was given as, when it had one). */
export function endpointFinding(
  endpoint: { address: string; port: number; transport?: Transport | undefined; host?: string | undefined },
  text: FindingText,
): NetFinding {
  return {
    ...text,
    address: endpoint.address,
    ...(endpoint.host === undefined ? {} : { host: endpoint.host }),
    port: endpoint.port,
    transport: endpoint.transport ?? 'tcp',
  };
}

export interface HostReport {
  address: string;
  /** Names the target was given as, and names that resolved to this address. */
  names: string[];
  up: boolean;
  /** Why the host counts as up (a port answered, `target-given` with discovery skipped). */
  upReason?: string | undefined;
  /** The open ports only: closed and filtered ones are counted in the scan's `stats.probes`, not listed. */
  ports: PortResult[];
  services: ServiceInfo[];
  tls: TlsReport[];
  ssh: SshReport[];
  http: HttpReport[];
}

export const checkFamilies = ['tls', 'ssh', 'http', 'exposure'] as const;
export type CheckFamily = (typeof checkFamilies)[number];

/** A step of one endpoint that could not finish: the scan goes on, and the report says what is missing. */
export interface ScanError {
  /** `discovery`, `udp`, `service` (identification) or the check family that failed. */
  stage: 'discovery' | 'udp' | 'service' | CheckFamily;
  address: string;
  port?: number | undefined;
  /** Printable and capped. */
  message: string;
}

export const scanPhases = ['resolve', 'discovery', 'ports', 'udp', 'services', 'checks'] as const;
export type ScanPhase = (typeof scanPhases)[number];

/** What a running scan reports for a progress bar: the current phase and how far it is. */
export interface ScanProgress {
  phase: ScanPhase;
  done: number;
  total: number;
  openPorts: number;
  findings: number;
}

export interface ScanReport {
  startedAt: string;
  finishedAt: string;
  /** Targets as given (addresses, CIDR ranges, names). */
  targets: string[];
  /** What the scan was allowed to touch, as CIDR ranges, and what it had to leave alone. */
  scope: string[];
  exclude: string[];
  /** Port specification as given (`22,80,8000-8100`, `top-100`, `all`). */
  ports: string;
  checks: CheckFamily[];
  hosts: HostReport[];
  findings: NetFinding[];
  /** Targets and resolved addresses the scan left alone (outside the scope or inside an exclusion). */
  outOfScope?: string[] | undefined;
  /** Host names that resolved to no address. */
  unresolved?: string[] | undefined;
  /** `0.0.0.0` or `::` met inside a range or as a name's answer: skipped, since they connect to the scanner itself. */
  unspecified?: string[] | undefined;
  /** Steps that failed on one endpoint; the rest of the report stands. */
  errors?: ScanError[] | undefined;
  /** Counts for the summary line and the progress display. */
  stats: {
    addresses: number;
    hostsUp: number;
    probes: number;
    openPorts: number;
    /** Targets or resolved addresses dropped because they fell outside the scope or inside an exclusion. */
    outOfScope: number;
  };
}
