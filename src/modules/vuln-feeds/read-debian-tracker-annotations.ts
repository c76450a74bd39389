import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Advisory, AdvisoryAffected, TrackerState } from '../../protocol/vuln.ts';
import { linkReferences } from './advisory-text.ts';
import { debianEcosystem } from './debian-releases.ts';
import { FeedError, invalidReason, isFeedError } from './feed-error.ts';
import { feedProgress, type FeedReadOptions } from './feed-read-options.ts';
import { readFileBounded, unreadable } from './read-file-bounded.ts';
import {
  isSourcePackage,
  isTrackerId,
  trackerAdvisory,
  trackerAffected,
  trackerUrgency,
} from './tracker-advisory.ts';
import { walkFiles } from './walk-files.ts';

const maxFileBytes = 1024 * 1024;

const Distributions = z.record(z.string().max(64), z.object({ 'major-version': z.string().max(16) }));

const Annotation = z.object({
  Type: z.string(),
  Package: z.string().optional(),
  Release: z.string().max(64).optional(),
  Kind: z.string().max(64).optional(),
  Version: z.string().max(1024).optional(),
  Description: z.string().max(4096).optional(),
  Severity: z.string().max(64).optional(),
});
type Annotation = z.infer<typeof Annotation>;

const CveFile = z.object({
  Header: z.object({ ID: z.string().max(64), Description: z.string().max(4096).optional() }),
  Annotations: z.array(z.unknown()).nullish(),
});

/** A package annotation as a fix state; null when it only says the package is not in the release. */
function annotationState(annotation: Annotation): TrackerState | null | string {
  const urgency = trackerUrgency(annotation.Severity);
  const extra = {
    ...(urgency === undefined ? {} : { urgency }),
    ...(annotation.Description === undefined ? {} : { reason: annotation.Description }),
  };
  switch (annotation.Kind) {
    case 'fixed':
      if (annotation.Version === undefined || annotation.Version === '') return 'fixed without a version';
      return annotation.Version === '0'
        ? { state: 'not-affected', ...extra }
        : { state: 'fixed', fixed: annotation.Version, ...(urgency === undefined ? {} : { urgency }) };
    case 'unfixed':
    case 'undetermined':
      return { state: 'unfixed', ...(urgency === undefined ? {} : { urgency }) };
    case 'not-affected':
    case 'no-dsa':
    case 'postponed':
    case 'ignored':
    case 'end-of-life':
      return { state: annotation.Kind, ...extra };
    case 'removed':
    case 'itp':
      return null;
    default:
      return `unknown annotation kind ${JSON.stringify(annotation.Kind ?? null)}`;
  }
}

/** The vuln-list-debian `tracker` directory: the given one, or its `tracker/` child. */
async function trackerRoot(dir: string): Promise<string> {
  for (const root of [dir, join(dir, 'tracker')]) {
    const found = await stat(join(root, 'distributions.json')).then(
      (info) => info.isFile(),
      () => false,
    );
    if (found) return root;
  }
  throw new FeedError('feed.invalid', dir, 'no distributions.json: not a vuln-list-debian tracker directory');
}

/**
 * Advisories from vuln-list-debian's parse of the tracker's data/CVE/list (`tracker/CVE/*.json`,
 * with `distributions.json` giving codename → version), the same shape readDebianTracker gives.
 * A package annotation without a release (`- pkg 1.2-3`: what unstable has) stands for every
 * release in distributions.json that has no annotation of its own; `removed` and `itp` give no
 * entry. Each CVE file is one record: a malformed one is told to `onInvalid` and skipped.
 */
export async function* readDebianTrackerAnnotations(
  dir: string,
  options: FeedReadOptions = {},
): AsyncGenerator<Advisory> {
  const progress = feedProgress(options);
  const root = await trackerRoot(dir);
  const distributionsPath = join(root, 'distributions.json');
  let distributions: Map<string, string>;
  try {
    const parsed = Distributions.parse(
      JSON.parse((await readFileBounded(distributionsPath, maxFileBytes)).toString()),
    );
    distributions = new Map(
      Object.entries(parsed).map(([codename, release]) => [codename, release['major-version']]),
    );
  } catch (error) {
    if (isFeedError(error)) throw error;
    throw new FeedError('feed.invalid', distributionsPath, `not a distributions list (${String(error)})`);
  }
  const unknownCodenames = new Set<string>();
  const ecosystemOf = (codename: string, origin: string): string | undefined => {
    const version = distributions.get(codename);
    const ecosystem = debianEcosystem(
      codename,
      version !== undefined && /^\d+(?:\.\d+)?$/.test(version) ? version : undefined,
    );
    if (ecosystem === undefined && !unknownCodenames.has(codename)) {
      unknownCodenames.add(codename);
      options.onInvalid?.(origin, `unknown Debian release ${JSON.stringify(codename)}, skipped`);
    }
    return ecosystem;
  };
  const codenames = [...distributions.keys()];

  for await (const relative of walkFiles(join(root, 'CVE'))) {
    if (!relative.endsWith('.json') || relative.includes('/')) continue;
    const file = join(root, 'CVE', relative);
    let text: string;
    try {
      text = (await readFileBounded(file, maxFileBytes, options.signal)).toString('utf8');
    } catch (error) {
      if (!isFeedError(error, 'feed.invalid')) throw error;
      options.onInvalid?.(file, error.reason);
      continue;
    }
    progress.bytes(Buffer.byteLength(text));
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      options.onInvalid?.(file, `not JSON: ${String(error)}`);
      continue;
    }
    const parsed = CveFile.safeParse(data);
    if (!parsed.success || !isTrackerId(parsed.data.Header.ID)) {
      options.onInvalid?.(file, parsed.success ? 'not a CVE or TEMP id' : invalidReason(parsed.error.issues));
      continue;
    }
    const { Header: header, Annotations: raw } = parsed.data;
    const byPackage = new Map<string, { all?: Annotation; releases: Map<string, Annotation> }>();
    const notes: string[] = [];
    for (const [index, item] of (raw ?? []).entries()) {
      const annotation = Annotation.safeParse(item);
      if (!annotation.success) {
        options.onInvalid?.(`${file}#${index}`, invalidReason(annotation.error.issues));
        continue;
      }
      const { Type: type, Package: name, Release: release, Description: text } = annotation.data;
      if (type === 'NOTE' && text !== undefined) notes.push(text.split(' ', 1)[0] ?? '');
      if (type !== 'package') continue;
      if (name === undefined || !isSourcePackage(name)) {
        options.onInvalid?.(`${file}#${index}`, 'not a Debian source package name');
        continue;
      }
      const annotations = byPackage.get(name) ?? { releases: new Map<string, Annotation>() };
      byPackage.set(name, annotations);
      if (release === undefined) annotations.all ??= annotation.data;
      else if (!annotations.releases.has(release)) annotations.releases.set(release, annotation.data);
    }
    const affected: AdvisoryAffected[] = [];
    for (const [name, { all, releases }] of byPackage) {
      const names = [
        ...codenames,
        ...[...releases.keys()].filter((codename) => !distributions.has(codename)),
      ];
      for (const codename of names) {
        const annotation = releases.get(codename) ?? all;
        if (annotation === undefined) continue;
        const ecosystem = ecosystemOf(codename, file);
        const state = ecosystem === undefined ? null : annotationState(annotation);
        if (typeof state === 'string') options.onInvalid?.(`${file}#${name}/${codename}`, state);
        else if (ecosystem !== undefined && state !== null)
          affected.push(trackerAffected(ecosystem, name, state));
      }
    }
    const modified = (
      await stat(file).catch((error: unknown) => {
        throw unreadable(file, error);
      })
    ).mtime.toISOString();
    // The header's description is the list's one-line excerpt in parentheses.
    const description = (header.Description ?? '').replace(/^\((.*)\)$/s, '$1');
    yield trackerAdvisory({
      id: header.ID,
      description,
      affected,
      references: linkReferences(notes),
      modified,
    });
    progress.record();
  }
  progress.end();
}
