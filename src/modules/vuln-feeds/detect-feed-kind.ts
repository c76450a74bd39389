import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedKind } from '../../protocol/vuln-api.ts';
import { FeedError } from './feed-error.ts';
import { feedChunks } from './feed-chunks.ts';
import { feedProgress } from './feed-read-options.ts';
import { isAdvisoryListHead } from './read-debian-advisory-list.ts';
import { recordName } from './read-osv-entry.ts';
import { unreadable } from './read-file-bounded.ts';
import { readHead } from './read-head.ts';
import { isYamlName } from './read-osv-record.ts';
import { isZip } from './read-osv-zip.ts';
import { walkFiles } from './walk-files.ts';

const sniffBytes = 64 * 1024;

/** The start of a file's content, gunzipped when it is gzip, without a BOM or leading blanks. */
export async function contentHead(path: string): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of feedChunks(path, feedProgress({}))) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= sniffBytes) break;
  }
  return Buffer.concat(parts)
    .subarray(0, sniffBytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
}

function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

async function directoryKind(dir: string): Promise<FeedKind | undefined> {
  for (const root of [dir, join(dir, 'tracker')]) {
    if (await isFile(join(root, 'distributions.json'))) return 'debian-tracker';
  }
  for await (const relative of walkFiles(dir)) if (recordName.test(relative)) return 'osv';
  return undefined;
}

function fileKind(path: string, head: string): FeedKind | undefined {
  if (head.startsWith('#model_version') || /^cve,epss/i.test(head)) return 'epss';
  if (head.startsWith('{')) {
    if (/"catalogVersion"\s*:\s*"/.test(head)) return 'kev';
    if (/^\{\s*"[^"\\]{1,200}"\s*:\s*\{\s*"(?:CVE|TEMP)-/.test(head)) return 'debian-tracker';
    if (
      head.includes('"id"') &&
      ['"modified"', '"affected"', '"schema_version"'].some((key) => head.includes(key))
    )
      return 'osv';
  }
  if (isYamlName(path) && /^id:/m.test(head)) return 'osv';
  if (isAdvisoryListHead(head)) return 'debian-tracker';
  return undefined;
}

/**
 * Which feed a path holds, by content rather than name: an OSV directory, `all.zip` or record;
 * the Debian tracker JSON, DSA/DLA list or a vuln-list-debian directory; the KEV catalog; an
 * EPSS CSV (plain or gzip). Anything else throws FeedError('feed.unknown_kind').
 */
export async function detectFeedKind(path: string): Promise<FeedKind> {
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  const kind = info.isDirectory()
    ? await directoryKind(path)
    : isZip(await readHead(path, 4))
      ? 'osv'
      : fileKind(path, await contentHead(path));
  if (kind === undefined) {
    throw new FeedError(
      'feed.unknown_kind',
      path,
      'not an OSV directory, all.zip or record, Debian tracker JSON, DSA/DLA list or directory, KEV catalog, or EPSS CSV',
    );
  }
  return kind;
}
