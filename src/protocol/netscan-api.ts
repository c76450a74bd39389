import { z } from 'zod';
import { severities } from './finding.ts';
import { checkFamilies, scanPhases, type ScanReport } from './netscan.ts';

/*
 * Network audits on the server (docs/network-audits-server.md): scans of configured target
 * groups, on demand or on a schedule, their history, what changed between two scans of a group,
 * the exposure inventory and the findings with their lifecycle. The report of one scan is the
 * engine's ScanReport (netscan.ts), stored as it came.
 *
 * Access: reading needs `network:read` (auditors, analysts, admins); starting a scan and
 * acknowledging or resolving a finding need `network:write` (admins).
 */

const Severity = z.enum(severities);
const CheckFamily = z.enum(checkFamilies);
const Transport = z.enum(['tcp', 'udp']);

/** A configured target group's name (`netscan.groups[].name`). */
export const NetScanGroupName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-"');

/** An address, a CIDR range or a host name, as a scan target is given. */
export const NetScanTarget = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:/_%-]+$/, 'an address, a CIDR range or a host name');

/** `22,80,8000-8100`, `top-100`, `all`. */
export const NetScanPortSpec = z
  .string()
  .min(1)
  .max(2000)
  .regex(/^[a-z0-9,\- ]+$/, 'ports and ranges (`22,80,8000-8100`), `top-N` or `all`');

export const netScanStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type NetScanStatus = (typeof netScanStatuses)[number];

/** How a scan came to run: someone asked (`manual`) or its group's `schedule` came round. */
export const netScanTriggers = ['manual', 'schedule'] as const;

/**
 * Start a scan: of a configured group, or of ad-hoc targets, which must all lie inside
 * `netscan.scope` (400 `bad_request` listing the ones that do not). Answers 202 with the queued scan.
 */
export const StartNetScanRequest = z
  .strictObject({
    group: NetScanGroupName.optional(),
    targets: z.array(NetScanTarget).min(1).max(256).optional(),
    /** Ad-hoc scans only; the group's own otherwise. Default `netscan.defaults.ports`. */
    ports: NetScanPortSpec.optional(),
    /** Ad-hoc scans only; every family by default. */
    checks: z.array(CheckFamily).min(1).max(checkFamilies.length).optional(),
    /** Ad-hoc scans only: judge exposure as for a host the internet reaches. */
    internetFacing: z.boolean().optional(),
  })
  .refine((body) => (body.group === undefined) !== (body.targets === undefined), {
    message: 'either group or targets, not both',
  })
  .refine(
    (body) =>
      body.group === undefined ||
      (body.ports === undefined && body.checks === undefined && body.internetFacing === undefined),
    { message: 'ports, checks and internetFacing come from the group’s configuration' },
  )
  .meta({ id: 'StartNetScanRequest' });
export type StartNetScanRequest = z.infer<typeof StartNetScanRequest>;

const SeverityCounts = z.record(Severity, z.number().int());

/** What changed since the previous completed scan of the same group. */
export const netScanChangeKinds = [
  'new-open-port',
  'port-closed',
  'new-service',
  'service-changed',
  'certificate-changed',
] as const;
export type NetScanChangeKind = (typeof netScanChangeKinds)[number];

export const NetScanChange = z
  .object({
    kind: z.enum(netScanChangeKinds),
    address: z.string(),
    port: z.number().int(),
    transport: Transport,
    /** What was there before (`ssh OpenSSH 9.2p1`, a certificate fingerprint); null for something new. */
    before: z.string().nullable(),
    /** What is there now; null for a port that closed. */
    after: z.string().nullable(),
    severity: Severity,
  })
  .meta({ id: 'NetScanChange' });
export type NetScanChange = z.infer<typeof NetScanChange>;

export const NetScanSummary = z
  .object({
    id: z.string(),
    /** Null for an ad-hoc scan. */
    group: z.string().nullable(),
    trigger: z.enum(netScanTriggers),
    /** The username that asked, or `schedule`. */
    requestedBy: z.string(),
    status: z.enum(netScanStatuses),
    targets: z.array(z.string()),
    ports: z.string(),
    checks: z.array(CheckFamily),
    queuedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    /** Why a scan failed (the engine's error, or `the server stopped while the scan ran`). */
    error: z.string().nullable(),
    /** Only while it runs, from the server process running it: the engine's phase and how far it is. */
    progress: z
      .object({
        phase: z.enum(scanPhases),
        done: z.number().int(),
        total: z.number().int(),
        openPorts: z.number().int(),
        findings: z.number().int(),
      })
      .optional(),
    /** Null until the scan is done. */
    stats: z
      .object({
        addresses: z.number().int(),
        hostsUp: z.number().int(),
        probes: z.number().int(),
        openPorts: z.number().int(),
        outOfScope: z.number().int(),
        findings: z.number().int(),
        bySeverity: SeverityCounts,
        /** How many changes of each kind against the previous scan of the group; all 0 for the first. */
        changes: z.record(z.enum(netScanChangeKinds), z.number().int()),
      })
      .nullable(),
  })
  .meta({ id: 'NetScanSummary' });
export type NetScanSummary = z.infer<typeof NetScanSummary>;

export const NetScanListQuery = z.object({
  group: NetScanGroupName.optional(),
  status: z.enum(netScanStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type NetScanListQuery = z.infer<typeof NetScanListQuery>;

export const NetScanList = z
  .object({ scans: z.array(NetScanSummary), total: z.number().int() })
  .meta({ id: 'NetScanList' });
export type NetScanList = z.infer<typeof NetScanList>;

/**
 * `open` until a later scan no longer shows it (or, for a change, makes it moot) or a user resolves
 * it; `acknowledged` by a user: known, kept, resolved by scans like an open one.
 */
export const netFindingStatuses = ['open', 'acknowledged', 'resolved'] as const;
export type NetFindingStatus = (typeof netFindingStatuses)[number];

/** One NetFinding (netscan.ts) as the server keeps it across scans. */
export const NetFindingRecord = z
  .object({
    /** Stable for one group (or ad hoc), check, address, port and transport. */
    id: z.string(),
    group: z.string().nullable(),
    /** The engine's check id, or `netscan.<change kind>` for a change against the previous scan. */
    check: z.string(),
    title: z.string(),
    severity: Severity,
    address: z.string(),
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    transport: Transport.nullable(),
    evidence: z.string(),
    remediation: z.string(),
    tags: z.array(z.string()),
    status: z.enum(netFindingStatuses),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    /** When a later scan no longer showed it, or a user resolved it; null while open or acknowledged. */
    resolvedAt: z.string().nullable(),
    /** How many times it came back after being resolved. */
    reopened: z.number().int(),
    firstScanId: z.string(),
    lastScanId: z.string(),
  })
  .meta({ id: 'NetFindingRecord' });
export type NetFindingRecord = z.infer<typeof NetFindingRecord>;

export const NetFindingQuery = z.object({
  status: z.enum([...netFindingStatuses, 'all']).default('open'),
  /** This severity and above. */
  severity: Severity.optional(),
  /** A check id (`tls.protocol-tls1.0`) or a family (`tls`). */
  check: z.string().max(100).optional(),
  address: z.string().max(64).optional(),
  group: NetScanGroupName.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type NetFindingQuery = z.infer<typeof NetFindingQuery>;

/**
 * A user's verdict on a finding: `acknowledged` (known, leave it open), `resolved` (fixed or
 * intended; a later scan that shows it again opens it again), or `open` to undo either.
 */
export const UpdateNetFindingRequest = z
  .strictObject({ status: z.enum(netFindingStatuses) })
  .meta({ id: 'UpdateNetFindingRequest' });
export type UpdateNetFindingRequest = z.infer<typeof UpdateNetFindingRequest>;

export const NetFindingList = z
  .object({ findings: z.array(NetFindingRecord), total: z.number().int() })
  .meta({ id: 'NetFindingList' });
export type NetFindingList = z.infer<typeof NetFindingList>;

/** The engine's report, as stored; its shape is ScanReport in netscan.ts. */
const StoredReport = z.record(z.string(), z.unknown());

const NetScanDetailSchema = NetScanSummary.extend({
  /** Null until the scan is done. */
  report: StoredReport.nullable(),
  /** The scan this one was compared with: the group's previous completed scan; null for the first and ad hoc. */
  previousScanId: z.string().nullable(),
  changes: z.array(NetScanChange),
  /** Findings this scan saw for the first time (or again after they were resolved). */
  newFindings: z.array(NetFindingRecord),
  /** Findings this scan no longer saw, resolved by it. */
  resolvedFindings: z.array(NetFindingRecord),
}).meta({ id: 'NetScanDetail' });
export const NetScanDetail = NetScanDetailSchema;
export type NetScanDetail = Omit<z.infer<typeof NetScanDetailSchema>, 'report'> & {
  report: ScanReport | null;
};

/** One endpoint ever seen open, across all scans. */
export const NetExposure = z
  .object({
    address: z.string(),
    port: z.number().int(),
    transport: Transport,
    /** Names the address was given as or resolved from. */
    names: z.array(z.string()),
    service: z.string().nullable(),
    product: z.string().nullable(),
    version: z.string().nullable(),
    tls: z.boolean(),
    /** Reachable without credentials, as the service probe found it. */
    auth: z.enum(['none', 'required', 'unknown']).nullable(),
    /** SHA-256 of the leaf certificate last seen on it. */
    certificateSha256: z.string().nullable(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    lastScanId: z.string(),
    /** False once a later scan that covered the port found it closed or filtered. */
    open: z.boolean(),
    /** Open findings on this endpoint. */
    findings: z.number().int(),
    maxSeverity: Severity.nullable(),
  })
  .meta({ id: 'NetExposure' });
export type NetExposure = z.infer<typeof NetExposure>;

export const NetExposureQuery = z.object({
  /** `true` (default): what is open now; `false`: what closed; `all`. */
  open: z.enum(['true', 'false', 'all']).default('true'),
  /** An address, or a CIDR range. */
  address: z.string().max(64).optional(),
  port: z.coerce.number().int().min(0).max(65535).optional(),
  service: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type NetExposureQuery = z.infer<typeof NetExposureQuery>;

export const NetExposureList = z
  .object({ endpoints: z.array(NetExposure), total: z.number().int() })
  .meta({ id: 'NetExposureList' });
export type NetExposureList = z.infer<typeof NetExposureList>;

/** Everything known about one address. */
export const NetHostView = z
  .object({
    address: z.string(),
    names: z.array(z.string()),
    /** Endpoints ever seen open on it, open ones first. */
    services: z.array(NetExposure),
    /** Open and resolved findings, newest first. */
    findings: z.array(NetFindingRecord),
    /** The completed scans that covered it, newest first (at most 50), with what each saw of it. */
    history: z.array(
      z.object({
        scanId: z.string(),
        group: z.string().nullable(),
        finishedAt: z.string(),
        up: z.boolean(),
        openPorts: z.array(z.number().int()),
        findings: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'NetHostView' });
export type NetHostView = z.infer<typeof NetHostView>;

export const NetScanGroup = z
  .object({
    name: z.string(),
    targets: z.array(z.string()),
    ports: z.string(),
    checks: z.array(CheckFamily),
    /** Cron expression; null when the group is scanned only on demand. */
    schedule: z.string().nullable(),
    nextRunAt: z.string().nullable(),
    internetFacing: z.boolean(),
    lastScan: NetScanSummary.nullable(),
  })
  .meta({ id: 'NetScanGroup' });
export type NetScanGroup = z.infer<typeof NetScanGroup>;

export const NetScanGroupList = z
  .object({
    groups: z.array(NetScanGroup),
    /** What the server may scan at all; empty means server scans are disabled until it is configured. */
    scope: z.array(z.string()),
    exclude: z.array(z.string()),
  })
  .meta({ id: 'NetScanGroupList' });
export type NetScanGroupList = z.infer<typeof NetScanGroupList>;
