import type { InstalledPackage } from '../../protocol/inventory.ts';
import type { CvssVector, FixState } from '../../protocol/vuln.ts';

/** One vulnerability in one installed package, from every advisory that names it there (match-packages.ts). */
export interface PackageMatch {
  /** The CVE when any advisory or alias has one, else the advisory id. */
  vulnerabilityId: string;
  /** The ids of the advisories that found it, sorted. */
  advisories: string[];
  /** Other names those advisories give it, sorted; never another CVE. */
  aliases: string[];
  title: string;
  references: string[];
  package: InstalledPackage;
  /** The ecosystem of the advisory entry that decided the fix state (`Debian:12`, `Ubuntu:Pro:18.04:LTS`). */
  ecosystem: string;
  fixState: FixState;
  fixedVersion: string | null;
  fixReason: string | null;
  /** Every vector the advisories give. */
  cvss: CvssVector[];
  /** Feed words (tracker urgency, Ubuntu priority) when no vector is given. */
  severityText: string | null;
}
