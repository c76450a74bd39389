import { z } from 'zod';

/*
 * Advisories as Vigil keeps them, whatever feed they came from (docs/vulnerabilities.md): the OSV
 * shape, plus the state a distribution tracker gives a (release, source package) pair, which OSV
 * ranges cannot say ("no DSA, postponed", "end of life"). Feed parsers produce these; storage
 * keeps them; the matcher reads them.
 */

/**
 * What a feed says of one package in one release. `not-affected` advisories never become
 * findings; the others do, and the distinction reaches the user: only `fixed` has a fix to apply.
 */
export const fixStates = ['fixed', 'unfixed', 'no-dsa', 'postponed', 'ignored', 'end-of-life'] as const;
export type FixState = (typeof fixStates)[number];

export const OsvEvent = z.union([
  z.strictObject({ introduced: z.string().min(1) }),
  z.strictObject({ fixed: z.string().min(1) }),
  z.strictObject({ last_affected: z.string().min(1) }),
  z.strictObject({ limit: z.string().min(1) }),
]);
export type OsvEvent = z.infer<typeof OsvEvent>;

export const OsvRange = z.object({
  type: z.enum(['ECOSYSTEM', 'SEMVER', 'GIT']),
  events: z.array(OsvEvent),
});
export type OsvRange = z.infer<typeof OsvRange>;

/** A tracker's verdict for one release and source package; when present it decides, not the ranges. */
export const TrackerState = z.object({
  state: z.enum([...fixStates, 'not-affected']),
  /** For `fixed`: the first fixed version. */
  fixed: z.string().optional(),
  /** no-dsa/postponed/ignored/not-affected: the tracker's words. */
  reason: z.string().optional(),
  /** The tracker's urgency (`low`, `medium`, `high`, `unimportant`, …). */
  urgency: z.string().optional(),
});
export type TrackerState = z.infer<typeof TrackerState>;

export const AdvisoryAffected = z.object({
  /**
   * OSV ecosystem with the release: `Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`, `Red Hat:…`,
   * `npm`, `PyPI`. Tracker releases are mapped to OSV's form (bookworm → `Debian:12`).
   */
  ecosystem: z.string().min(1),
  /** For distributions, the source package. */
  name: z.string().min(1),
  ranges: z.array(OsvRange),
  versions: z.array(z.string()),
  tracker: TrackerState.optional(),
});
export type AdvisoryAffected = z.infer<typeof AdvisoryAffected>;

export const CvssVector = z.object({
  type: z.enum(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']),
  vector: z.string(),
});
export type CvssVector = z.infer<typeof CvssVector>;

export const Advisory = z.object({
  /** The feed's id: `DSA-3029-1`, `GHSA-…`, `UBUNTU-CVE-…`, or the CVE for tracker entries. */
  id: z.string().min(1),
  /** The feed it came from (`osv`, `debian-tracker`). */
  source: z.string(),
  aliases: z.array(z.string()),
  summary: z.string(),
  published: z.string().nullable(),
  modified: z.string(),
  withdrawn: z.string().nullable(),
  cvss: z.array(CvssVector),
  /** A severity word the feed gives without a vector (Ubuntu priority, tracker urgency). */
  severityText: z.string().nullable(),
  references: z.array(z.string()),
  affected: z.array(AdvisoryAffected),
});
export type Advisory = z.infer<typeof Advisory>;

/** CISA Known Exploited Vulnerabilities: one catalog entry. */
export interface KevEntry {
  cve: string;
  dateAdded: string;
  dueDate: string;
  knownRansomware: boolean;
  vendor: string;
  product: string;
  name: string;
}

/** FIRST EPSS: one CSV row; `date` is the model date from the file's header comment. */
export interface EpssEntry {
  cve: string;
  epss: number;
  percentile: number;
}
