import type { EpssEntry } from '../../protocol/vuln.ts';
import { FeedError } from './feed-error.ts';
import { feedChunks } from './feed-chunks.ts';
import { feedLines, type FeedLine } from './feed-lines.ts';
import { feedProgress, type FeedReadOptions } from './feed-read-options.ts';

/** A row is about 40 bytes; the comment line a little more. */
const maxLineBytes = 1024;

const cveId = /^CVE-\d{4}-\d{4,19}$/;
const decimal = /^\d(?:\.\d{1,20})?(?:[eE]-\d{1,3})?$/;
const dateTime = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `2025-02-20T00:00:00+0000` → `2025-02-20T00:00:00.000Z`; null when it is not a date. */
function normalizeDate(value: string): string | null {
  const match = dateTime.exec(value);
  if (match === null) return null;
  const [, day = '', time = '00:00:00', zone = 'Z'] = match;
  const offset = zone === 'Z' ? zone : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${day}T${time}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000`, fields in any order. */
function parseComment(
  text: string,
  origin: string,
): { modelVersion: string | null; scoreDate: string | null } {
  const fields = new Map<string, string>();
  for (const field of text.slice(1).split(',', 16)) {
    const colon = field.indexOf(':');
    if (colon > 0) fields.set(field.slice(0, colon).trim(), field.slice(colon + 1).trim());
  }
  const rawDate = fields.get('score_date');
  const scoreDate = rawDate === undefined ? null : normalizeDate(rawDate);
  if (rawDate !== undefined && scoreDate === null) {
    throw new FeedError('feed.invalid', `${origin}:1`, `score_date ${JSON.stringify(rawDate)} is not a date`);
  }
  const modelVersion = fields.get('model_version');
  return { modelVersion: modelVersion === undefined || modelVersion === '' ? null : modelVersion, scoreDate };
}

function quoted(text: string | null): string {
  return text === null
    ? 'an over-long line'
    : JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function isProbability(text: string): boolean {
  return decimal.test(text) && Number(text) <= 1;
}

/** A row as an entry, or why it is refused. */
function parseRow(text: string | null): EpssEntry | string {
  if (text === null) return `longer than ${maxLineBytes} bytes`;
  const [cve = '', epss = '', percentile = '', extra] = text.split(',', 4);
  if (extra !== undefined) return 'more than three columns';
  if (!cveId.test(cve)) return `${quoted(cve)} is not a CVE id`;
  if (!isProbability(epss)) return `epss ${quoted(epss)} is not a probability`;
  if (!isProbability(percentile)) return `percentile ${quoted(percentile)} is not a probability`;
  return { cve, epss: Number(epss), percentile: Number(percentile) };
}

/**
 * FIRST's EPSS scores (epss_scores-YYYY-MM-DD.csv, plain or gzip by magic number): the
 * `#model_version:…,score_date:…` comment, then `cve,epss,percentile` rows, streamed line by line.
 * The header line is required (FeedError otherwise); the comment is optional and its fields
 * may be missing (older files, `missing-date.csv`): they are then null. A row that is not a CVE
 * with two probabilities is told to `onInvalid` with its line and skipped. Iterate `entries`
 * to the end (or break out of it) to close the file.
 */
export async function readEpss(
  path: string,
  options: FeedReadOptions = {},
): Promise<{ modelVersion: string | null; scoreDate: string | null; entries: AsyncIterable<EpssEntry> }> {
  const progress = feedProgress(options);
  const lines = feedLines(feedChunks(path, progress, options.signal), maxLineBytes);
  let meta = { modelVersion: null as string | null, scoreDate: null as string | null };
  let header: IteratorResult<FeedLine>;
  try {
    header = await lines.next();
    if (header.done !== true && header.value.text?.startsWith('#') === true) {
      meta = parseComment(header.value.text, path);
      header = await lines.next();
    }
    if (header.done === true) throw new FeedError('feed.invalid', path, 'no header line: empty file');
    const columns = header.value.text?.trim().toLowerCase();
    if (columns !== 'cve,epss,percentile') {
      throw new FeedError(
        'feed.invalid',
        `${path}:${header.value.number}`,
        `expected the header cve,epss,percentile, found ${quoted(header.value.text)}`,
      );
    }
  } catch (error) {
    await lines.return(undefined);
    throw error;
  }

  async function* entries(): AsyncGenerator<EpssEntry> {
    for await (const { number, text } of lines) {
      if (text === '') continue;
      const entry = parseRow(text);
      if (typeof entry === 'string') {
        options.onInvalid?.(`${path}:${number}`, entry);
        continue;
      }
      yield entry;
      progress.record();
    }
    progress.end();
  }
  return { ...meta, entries: entries() };
}
