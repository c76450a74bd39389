import { z } from 'zod';
import { severities } from './finding.ts';
import { PackageManager } from './inventory.ts';
import { AgentId } from './response-config.ts';
import { fixStates } from './vuln.ts';

/*
 * Vulnerability findings and feeds as the API, the CLI and the console show them
 * (docs/vulnerabilities.md). One finding is one vulnerability in one installed package on one
 * host; the OCSF Vulnerability Finding (2002) form is an export of the same record.
 */

const Severity = z.enum(severities);

export const feedKinds = ['osv', 'debian-tracker', 'kev', 'epss'] as const;
export type FeedKind = (typeof feedKinds)[number];

export const VulnCvss = z
  .object({
    version: z.enum(['3.0', '3.1', '4.0']),
    vector: z.string(),
    baseScore: z.number().min(0).max(10),
    severity: Severity,
  })
  .meta({ id: 'VulnCvss' });
export type VulnCvss = z.infer<typeof VulnCvss>;

export const VulnFinding = z
  .object({
    /** Stable for one host, package and vulnerability. */
    id: z.string(),
    agentId: z.string(),
    hostname: z.string().nullable(),
    vulnerability: z.object({
      /** The CVE when there is one, else the advisory's own id. */
      id: z.string(),
      /** Every advisory that names it for this package (`DSA-…`, `DLA-…`, `UBUNTU-CVE-…`, `GHSA-…`). */
      advisories: z.array(z.string()),
      aliases: z.array(z.string()),
      title: z.string(),
      references: z.array(z.string()),
    }),
    package: z.object({
      manager: PackageManager,
      name: z.string(),
      version: z.string(),
      source: z.string(),
      sourceVersion: z.string(),
      /** The OSV ecosystem it was matched in (`Debian:12`). */
      ecosystem: z.string(),
      /** The lockfile an npm or pypi package was read from. */
      file: z.string().optional(),
    }),
    fixState: z.enum(fixStates),
    /** The first fixed version of the source package; null when there is no fix. */
    fixedVersion: z.string().nullable(),
    /** Why a tracker does not fix it (no-dsa, postponed, ignored). */
    fixReason: z.string().nullable(),
    /** The highest-versioned CVSS the advisories give, scored by Vigil from the vector. */
    cvss: VulnCvss.nullable(),
    severity: Severity,
    epss: z.object({ score: z.number(), percentile: z.number() }).nullable(),
    kev: z.object({ dateAdded: z.string(), dueDate: z.string(), knownRansomware: z.boolean() }).nullable(),
    /** 0–100, docs/vulnerability-risk.md. */
    risk: z.number().min(0).max(100),
    /** When it should be fixed by, from the severity's SLA (or the KEV due date, if sooner). */
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    status: z.enum(['open', 'resolved']),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'VulnFinding' });
export type VulnFinding = z.infer<typeof VulnFinding>;

export const VulnFindingQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  agentId: AgentId.optional(),
  /** Binary or source package name, exact. */
  package: z.string().max(200).optional(),
  /** This severity and above. */
  severity: Severity.optional(),
  kev: z.enum(['true', 'false']).optional(),
  fix: z.enum(['available', 'none']).optional(),
  /** Part of a CVE or advisory id. */
  q: z.string().max(200).optional(),
  sort: z.enum(['risk', 'firstSeen', 'dueAt']).default('risk'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type VulnFindingQuery = z.infer<typeof VulnFindingQuery>;

export const VulnFindingList = z
  .object({ findings: z.array(VulnFinding), total: z.number().int() })
  .meta({ id: 'VulnFindingList' });
export type VulnFindingList = z.infer<typeof VulnFindingList>;

export const FeedStatus = z
  .object({
    name: z.string(),
    kind: z.enum(feedKinds),
    records: z.number().int(),
    importedAt: z.string(),
    /** The newest `modified` (OSV), catalog date (KEV) or model date (EPSS) in the feed. */
    sourceDate: z.string().nullable(),
    sha256: z.string(),
    /** Older than `vuln.staleAfter` (default 48 h): findings may miss recent advisories. */
    stale: z.boolean(),
  })
  .meta({ id: 'FeedStatus' });
export type FeedStatus = z.infer<typeof FeedStatus>;

const Counts = z.object({ open: z.number().int(), critical: z.number().int(), high: z.number().int() });

export const VulnSummary = z
  .object({
    open: z.number().int(),
    bySeverity: z.record(Severity, z.number().int()),
    kev: z.number().int(),
    fixAvailable: z.number().int(),
    noFix: z.number().int(),
    overdue: z.number().int(),
    hosts: z.array(
      Counts.extend({
        agentId: z.string(),
        hostname: z.string().nullable(),
        kev: z.number().int(),
        maxRisk: z.number(),
      }),
    ),
    packages: z.array(
      z.object({
        name: z.string(),
        source: z.string(),
        hosts: z.number().int(),
        findings: z.number().int(),
        fixAvailable: z.number().int(),
        maxRisk: z.number(),
      }),
    ),
    /** Open findings at the end of each of the last 30 days, oldest first. */
    trend: z.array(Counts.extend({ date: z.string() })),
    feeds: z.array(FeedStatus),
  })
  .meta({ id: 'VulnSummary' });
export type VulnSummary = z.infer<typeof VulnSummary>;
