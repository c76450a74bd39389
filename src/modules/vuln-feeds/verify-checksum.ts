import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { FeedError } from './feed-error.ts';
import { readFileBounded, unreadable } from './read-file-bounded.ts';
import { walkFiles } from './walk-files.ts';

const sumLine = /^([0-9a-fA-F]{64})(?:[ \t]+\*?(.*))?$/;

async function hashInto(hash: Hash, path: string): Promise<void> {
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch (error) {
    throw unreadable(path, error);
  }
}

/**
 * A directory's SHA-256: over its regular files sorted by relative path (UTF-8 bytes, `/`
 * separators; symbolic links are not followed), each as `path NUL size NUL contents`.
 */
async function hashDirectory(dir: string): Promise<string> {
  const files: string[] = [];
  for await (const relative of walkFiles(dir)) files.push(relative);
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const hash = createHash('sha256');
  for (const relative of files) {
    const path = join(dir, relative);
    const { size } = await stat(path);
    hash.update(`${relative}\0${size}\0`);
    await hashInto(hash, path);
  }
  return hash.digest('hex');
}

/** The expected hash for `name` from sha256sum output; a file with a single hash applies as is. */
function expectedHash(text: string, name: string, origin: string): string {
  const sums = text
    .split('\n', 100_000)
    .map((line) => sumLine.exec(line.trim()))
    .filter((match) => match !== null);
  const named = sums.find((match) => basename(match[2] ?? '') === name);
  const found = named ?? (sums.length === 1 ? sums[0] : undefined);
  if (found === undefined) {
    throw new FeedError(
      'feed.invalid',
      origin,
      sums.length === 0 ? 'no SHA-256 in it' : `no SHA-256 for ${name}`,
    );
  }
  return (found[1] ?? '').toLowerCase();
}

/**
 * The SHA-256 (hex) of a feed file or directory, checked against `checksumPath`, else against
 * `<path>.sha256` when that exists (sha256sum format: `<hex>  <name>`, or just the hex). A
 * mismatch throws FeedError('feed.checksum_mismatch'); no checksum file just returns the hash.
 */
export async function verifyFeedChecksum(path: string, checksumPath?: string): Promise<string> {
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  let actual: string;
  if (info.isDirectory()) actual = await hashDirectory(path);
  else {
    const hash = createHash('sha256');
    await hashInto(hash, path);
    actual = hash.digest('hex');
  }
  const absolute = resolve(path);
  const sidecar = `${absolute}.sha256`;
  const sumsPath =
    checksumPath ??
    ((await stat(sidecar).then(
      (sidecarInfo) => sidecarInfo.isFile(),
      () => false,
    ))
      ? sidecar
      : undefined);
  if (sumsPath === undefined) return actual;
  const expected = expectedHash(
    (await readFileBounded(sumsPath, 1024 * 1024)).toString('utf8'),
    basename(absolute),
    sumsPath,
  );
  if (expected !== actual) {
    throw new FeedError(
      'feed.checksum_mismatch',
      path,
      `SHA-256 is ${actual}, ${sumsPath} expects ${expected}`,
    );
  }
  return actual;
}
