import type { Severity } from '../../protocol/finding.ts';
import type { VulnCvss, VulnFinding } from '../../protocol/vuln-api.ts';
import type { CvssVector, EpssEntry, KevEntry } from '../../protocol/vuln.ts';
import { sha256Hex } from '../../platform/ids.ts';
import { VulnConfigSchema } from '../../platform/vuln-config.ts';
import { CvssError } from '../cvss/cvss-error.ts';
import { scoreCvss, type CvssScore } from '../cvss/score-cvss.ts';
import type { PackageMatch } from '../vuln-match/package-match.ts';
import { severityFromText } from './feed-severity.ts';
import { riskScore } from './risk-score.ts';

/** Days to fix a finding, by severity (`vuln.slaDays`). */
export type SlaDays = Record<Severity, number>;

/** The configuration's defaults: critical 7, high 30, medium 90, low 180, informational 365. */
export const defaultSla: SlaDays = VulnConfigSchema.parse(undefined).slaDays;

export interface FindingContext {
  agentId: string;
  hostname: string | null;
  now: Date;
  kev: (cve: string) => KevEntry | undefined;
  epss: (cve: string) => EpssEntry | undefined;
  sla: SlaDays;
  /** When an earlier scan first saw it; the SLA runs from here. Defaults to now. */
  firstSeenAt?: string;
}

const day = 86_400_000;
const versionRank: Record<CvssScore['version'], number> = { '3.0': 1, '3.1': 2, '4.0': 3 };

/**
 * One open finding from one match (docs/vulnerability-risk.md): CVSS scored by Vigil from the
 * advisories' vectors, severity, EPSS and KEV for the CVE, the risk score, and the SLA due date.
 */
export function buildFinding(match: PackageMatch, ctx: FindingContext): VulnFinding {
  const cvss = bestCvss(match.cvss);
  const severity = cvss?.severity ?? severityFromText(match.severityText) ?? 'medium';
  const epss = ctx.epss(match.vulnerabilityId);
  const kev = ctx.kev(match.vulnerabilityId);
  const firstSeenAt = ctx.firstSeenAt ?? ctx.now.toISOString();
  const dueAt = dueDate(firstSeenAt, ctx.sla[severity], kev);
  const { package: pkg } = match;
  return {
    // One lockfile can pin several versions of a package (nested node_modules): each is a finding.
    id: findingId(
      ctx.agentId,
      pkg.manager,
      pkg.file === undefined ? pkg.name : `${pkg.file}\0${pkg.name}@${pkg.version}`,
      match.vulnerabilityId,
    ),
    agentId: ctx.agentId,
    hostname: ctx.hostname,
    vulnerability: {
      id: match.vulnerabilityId,
      advisories: match.advisories,
      aliases: match.aliases,
      title: match.title,
      references: match.references,
    },
    package: {
      manager: pkg.manager,
      name: pkg.name,
      version: pkg.version,
      source: pkg.source,
      sourceVersion: pkg.sourceVersion,
      ecosystem: match.ecosystem,
      ...(pkg.file === undefined ? {} : { file: pkg.file }),
    },
    fixState: match.fixState,
    fixedVersion: match.fixedVersion,
    fixReason: match.fixReason,
    cvss,
    severity,
    epss: epss ? { score: epss.epss, percentile: epss.percentile } : null,
    kev: kev
      ? { dateAdded: kev.dateAdded, dueDate: kev.dueDate, knownRansomware: kev.knownRansomware }
      : null,
    risk: riskScore({
      cvss: cvss?.baseScore ?? null,
      severity,
      epss: epss?.epss ?? null,
      kev: kev !== undefined,
      fixAvailable: match.fixState === 'fixed',
    }),
    dueAt,
    overdue: dueAt !== null && Date.parse(dueAt) < ctx.now.getTime(),
    status: 'open',
    firstSeenAt,
    lastSeenAt: ctx.now.toISOString(),
    resolvedAt: null,
  };
}

/** Stable across scans, so the server can tell a finding it has seen from a new one. */
export function findingId(agentId: string, manager: string, name: string, vulnerabilityId: string): string {
  return sha256Hex(`${agentId}\0${manager}\0${name}\0${vulnerabilityId}`).slice(0, 32);
}

/** The newest CVSS version any advisory gives, its highest score if several; unscorable vectors are skipped. */
function bestCvss(vectors: readonly CvssVector[]): VulnCvss | null {
  let best: CvssScore | null = null;
  for (const { type, vector } of vectors) {
    if (type === 'CVSS_V2') continue;
    let score: CvssScore;
    try {
      score = scoreCvss(vector);
    } catch (error) {
      if (error instanceof CvssError) continue;
      throw error;
    }
    const order = best === null ? 1 : versionRank[score.version] - versionRank[best.version];
    if (order > 0 || (order === 0 && best !== null && score.baseScore > best.baseScore)) best = score;
  }
  if (best === null) return null;
  return {
    version: best.version,
    vector: best.vector,
    baseScore: best.baseScore,
    severity: best.severity === 'none' ? 'informational' : best.severity,
  };
}

/** The SLA's date, or CISA's due date for a known-exploited CVE when that falls sooner. */
function dueDate(firstSeenAt: string, slaDays: number, kev: KevEntry | undefined): string | null {
  const candidates = [Date.parse(firstSeenAt) + slaDays * day];
  if (kev && /^\d{4}-\d{2}-\d{2}$/.test(kev.dueDate)) candidates.push(Date.parse(`${kev.dueDate}T00:00:00Z`));
  const due = Math.min(...candidates.filter(Number.isFinite));
  return Number.isFinite(due) ? new Date(due).toISOString() : null;
}
