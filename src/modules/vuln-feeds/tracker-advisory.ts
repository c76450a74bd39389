import type { Advisory, AdvisoryAffected, OsvRange, TrackerState } from '../../protocol/vuln.ts';
import { summaryText } from './advisory-text.ts';

export const trackerSource = 'debian-tracker';

// Debian's urgencies, least first; `**` marks one copied from NVD rather than set by Debian.
const urgencyRank = ['unimportant', 'low', 'medium', 'high'];

/** The tracker's urgency as TrackerState keeps it: without NVD stars, and only when it says something. */
export function trackerUrgency(raw: string | undefined): string | undefined {
  const urgency = raw?.replace(/\*+$/, '').trim().toLowerCase();
  return urgency === undefined ||
    urgency === '' ||
    urgency === 'not yet assigned' ||
    urgency === 'end-of-life'
    ? undefined
    : urgency;
}

/**
 * One (release, source package) verdict as an affected entry. The ranges say the same as the
 * state for readers that only know OSV: fixed → [0, fixed), not affected → nothing, else from 0 on.
 */
export function trackerAffected(ecosystem: string, name: string, tracker: TrackerState): AdvisoryAffected {
  const events: OsvRange['events'] = [{ introduced: '0' }];
  if (tracker.state === 'fixed' && tracker.fixed !== undefined) events.push({ fixed: tracker.fixed });
  const ranges: OsvRange[] = tracker.state === 'not-affected' ? [] : [{ type: 'ECOSYSTEM', events }];
  return { ecosystem, name, ranges, versions: [], tracker };
}

/** The advisory for one CVE (or TEMP id); its severity word is the highest urgency it was given. */
export function trackerAdvisory(parts: {
  id: string;
  description: string;
  affected: AdvisoryAffected[];
  references: string[];
  modified: string;
}): Advisory {
  let rank = -1;
  for (const entry of parts.affected)
    rank = Math.max(rank, urgencyRank.indexOf(entry.tracker?.urgency ?? ''));
  return {
    id: parts.id,
    source: trackerSource,
    aliases: [],
    summary: summaryText(parts.description),
    published: null,
    modified: parts.modified,
    withdrawn: null,
    cvss: [],
    severityText: urgencyRank[rank] ?? null,
    references: [
      `https://security-tracker.debian.org/tracker/${encodeURIComponent(parts.id)}`,
      ...parts.references,
    ],
    affected: parts.affected,
  };
}

/** CVE and the tracker's TEMP ids; anything else in an id position is refused. */
export function isTrackerId(id: string): boolean {
  return /^(?:CVE-\d{4}-\d{4,19}|TEMP-\d{7}-[0-9A-Fa-f]{6})$/.test(id);
}

/** Debian source package names (policy 5.6.1), bounded. */
export function isSourcePackage(name: string): boolean {
  return name.length <= 200 && /^[a-z0-9][a-z0-9+.-]+$/.test(name);
}
