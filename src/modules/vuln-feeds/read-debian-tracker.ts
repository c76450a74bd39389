import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Advisory, AdvisoryAffected, TrackerState } from '../../protocol/vuln.ts';
import { debianEcosystem } from './debian-releases.ts';
import { contentHead } from './detect-feed-kind.ts';
import { invalidReason } from './feed-error.ts';
import { feedChunks } from './feed-chunks.ts';
import { feedProgress, type FeedReadOptions } from './feed-read-options.ts';
import { jsonObjectEntries } from './json-object-entries.ts';
import { isAdvisoryListHead, readDebianAdvisoryList } from './read-debian-advisory-list.ts';
import { readDebianTrackerAnnotations } from './read-debian-tracker-annotations.ts';
import { unreadable } from './read-file-bounded.ts';
import {
  isSourcePackage,
  isTrackerId,
  trackerAdvisory,
  trackerAffected,
  trackerUrgency,
} from './tracker-advisory.ts';

/** One (package, CVE) value of the tracker is a few KiB; anything near this is hostile. */
const maxEntryBytes = 1024 * 1024;

const Release = z.object({
  status: z.enum(['resolved', 'open', 'undetermined']),
  fixed_version: z.string().min(1).max(1024).optional(),
  urgency: z.string().max(64).optional(),
  nodsa: z.string().max(4096).optional(),
  nodsa_reason: z.string().max(64).optional(),
});
type Release = z.infer<typeof Release>;

const Entry = z.object({
  description: z.string().optional(),
  // The tracker writes an empty object as `[]`.
  releases: z.union([z.record(z.string(), z.unknown()), z.array(z.never()).max(0)]),
});

/** The tracker's words for one release, as a fix state. */
function releaseState(release: Release): TrackerState | string {
  const urgency = trackerUrgency(release.urgency);
  const extra = urgency === undefined ? {} : { urgency };
  if (release.status === 'resolved') {
    if (release.fixed_version === undefined) return 'resolved without a fixed_version';
    // "0": the vulnerable code was never in Debian's package.
    if (release.fixed_version === '0') return { state: 'not-affected', ...extra };
    const fixed: TrackerState = { state: 'fixed', fixed: release.fixed_version, ...extra };
    return fixed;
  }
  if (release.urgency === 'end-of-life') return { state: 'end-of-life' };
  if (release.nodsa !== undefined) {
    const state =
      release.nodsa_reason === 'postponed' || release.nodsa_reason === 'ignored'
        ? release.nodsa_reason
        : 'no-dsa';
    return { state, ...(release.nodsa === '' ? {} : { reason: release.nodsa }), ...extra };
  }
  return { state: 'unfixed', ...extra };
}

interface Pending {
  /** False while every entry read for this CVE was invalid: such a CVE yields nothing. */
  valid: boolean;
  description: string;
  affected: AdvisoryAffected[];
  /** Packages of this CVE not read yet. */
  remaining: number;
}

/**
 * Advisories from the Debian security tracker's JSON (security-tracker.debian.org/tracker/data/json,
 * `{ package: { CVE: { description, releases: { codename: {...} } } } }`, or gzip of it), or
 * from a vuln-list-debian directory (readDebianTrackerAnnotations), or from its DSA/DLA list
 * (readDebianAdvisoryList).
 *
 * One Advisory per CVE (or TEMP id), source `debian-tracker`, id the CVE, with one affected entry
 * per (release, source package) carrying the tracker's state; releases are OSV ecosystems
 * (`bookworm` → `Debian:12`, `sid` → `Debian:sid`), unknown codenames are told to `onInvalid`
 * once and skipped. The file is keyed by package, so the same CVE under several packages is
 * merged with two streamed passes: the first counts each CVE's packages, the second yields a CVE
 * as soon as its last package is read, holding only CVEs still incomplete. `modified` is the
 * file's modification time: the tracker gives no dates. `onProgress` counts the second pass.
 */
export async function* readDebianTracker(
  path: string,
  options: FeedReadOptions = {},
): AsyncGenerator<Advisory> {
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  if (info.isDirectory()) {
    yield* readDebianTrackerAnnotations(path, options);
    return;
  }
  if (isAdvisoryListHead(await contentHead(path))) {
    yield* readDebianAdvisoryList(path, options);
    return;
  }
  const modified = info.mtime.toISOString();
  const entries = (parse: boolean, progress = feedProgress({ signal: options.signal })) =>
    jsonObjectEntries(feedChunks(path, progress, options.signal), {
      depth: 2,
      maxValueBytes: maxEntryBytes,
      parse,
      origin: path,
    });

  const packagesOf = new Map<string, number>();
  for await (const { path: keys } of entries(false)) {
    const id = keys[1];
    if (id !== undefined && isTrackerId(id)) packagesOf.set(id, (packagesOf.get(id) ?? 0) + 1);
  }

  const progress = feedProgress(options);
  const pending = new Map<string, Pending>();
  const unknownCodenames = new Set<string>();
  const invalid = (origin: string, reason: string) => options.onInvalid?.(origin, reason);
  for await (const { path: keys, value, tooLarge } of entries(true, progress)) {
    const [name = '', id = ''] = keys;
    const origin = `${path}#${keys.join('/')}`;
    if (keys.length < 2) {
      invalid(origin, 'not an object of CVEs');
      continue;
    }
    if (!isTrackerId(id)) {
      invalid(origin, 'not a CVE or TEMP id');
      continue;
    }
    const group = pending.get(id) ?? {
      valid: false,
      description: '',
      affected: [],
      remaining: packagesOf.get(id) ?? 1,
    };
    pending.set(id, group);
    group.remaining -= 1;
    const entry = Entry.safeParse(value);
    if (tooLarge) invalid(origin, `larger than ${maxEntryBytes} bytes`);
    else if (!isSourcePackage(name)) invalid(origin, 'not a Debian source package name');
    else if (!entry.success) invalid(origin, invalidReason(entry.error.issues));
    else {
      group.valid = true;
      if (group.description === '') group.description = entry.data.description ?? '';
      for (const [codename, raw] of Object.entries(entry.data.releases)) {
        const ecosystem = debianEcosystem(codename);
        if (ecosystem === undefined) {
          if (!unknownCodenames.has(codename))
            invalid(`${origin}/${codename}`, 'unknown Debian release, skipped');
          unknownCodenames.add(codename);
          continue;
        }
        const release = Release.safeParse(raw);
        const state = release.success ? releaseState(release.data) : invalidReason(release.error.issues);
        if (typeof state === 'string') invalid(`${origin}/${codename}`, state);
        else group.affected.push(trackerAffected(ecosystem, name, state));
      }
    }
    if (group.remaining > 0) continue;
    pending.delete(id);
    if (!group.valid) continue;
    yield trackerAdvisory({ id, ...group, references: [], modified });
    progress.record();
  }
  // Only when the file changed between the passes.
  for (const [id, group] of pending) {
    if (!group.valid) continue;
    yield trackerAdvisory({ id, ...group, references: [], modified });
    progress.record();
  }
  progress.end();
}
