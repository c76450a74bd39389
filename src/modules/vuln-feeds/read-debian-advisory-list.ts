import type { Advisory, AdvisoryAffected, TrackerState } from '../../protocol/vuln.ts';
import { summaryText } from './advisory-text.ts';
import { debianEcosystem } from './debian-releases.ts';
import { FeedError } from './feed-error.ts';
import { feedChunks } from './feed-chunks.ts';
import { feedLines } from './feed-lines.ts';
import { feedProgress, type FeedReadOptions } from './feed-read-options.ts';
import { isSourcePackage, trackerAffected } from './tracker-advisory.ts';

/** A kernel DSA's CVE line runs to a few KiB; anything near this is hostile. */
const maxLineBytes = 64 * 1024;
/** Per entry: far above any real advisory, low enough that one entry cannot fill memory. */
const maxAliases = 4096;
const maxAffected = 4096;
const maxVersion = 256;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const advisoryId = /^D[SL]A-\d{1,6}(?:-\d{1,4})?$/;
const cveId = /^CVE-\d{4}-\d{4,19}$/;
// Debian policy 5.6.12: an optional epoch, an upstream part starting with a digit, a revision.
const debianVersion = /^\d[A-Za-z0-9.+~:-]*$/;

/** The list's `<…>` words where a version belongs, as fix states; `<removed>` says nothing. */
const markerStates = new Map<string, TrackerState['state'] | null>([
  ['<not-affected>', 'not-affected'],
  ['<unfixed>', 'unfixed'],
  ['<end-of-life>', 'end-of-life'],
  ['<no-dsa>', 'no-dsa'],
  ['<postponed>', 'postponed'],
  ['<ignored>', 'ignored'],
  ['<removed>', null],
]);

interface Header {
  id: string;
  published: string;
  summary: string;
}

/** `01 Aug 2002` → `2002-08-01T00:00:00.000Z`; null when it is no calendar date. */
function listDate(text: string): string | null {
  const [day = '', month = '', year = '', extra] = text.split(' ', 4);
  const monthIndex = months.indexOf(month);
  if (extra !== undefined || !/^\d{1,2}$/.test(day) || !/^\d{4}$/.test(year) || monthIndex < 0) return null;
  const date = new Date(Date.UTC(Number(year), monthIndex, Number(day)));
  return date.getUTCDate() === Number(day) ? date.toISOString() : null;
}

/** `[01 Aug 2002] DSA-141 mpack - buffer overflow` as its parts, or why it is not a header. */
export function parseAdvisoryListHeader(line: string): Header | string {
  const close = line.indexOf(']');
  if (!line.startsWith('[') || close < 0 || close > 16) return 'not a "[DD Mon YYYY] DSA-…" header';
  const published = listDate(line.slice(1, close));
  if (published === null) return `${JSON.stringify(line.slice(0, close + 1))} is not a date`;
  const rest = line.slice(close + 1).trim();
  const space = rest.indexOf(' ');
  const id = space < 0 ? rest : rest.slice(0, space);
  if (!advisoryId.test(id)) return `${JSON.stringify(id.slice(0, 40))} is not a DSA or DLA id`;
  return { id, published, summary: summaryText(space < 0 ? '' : rest.slice(space + 1)) };
}

/** Whether the start of a file (leading blanks removed) is a DSA/DLA list's first header. */
export function isAdvisoryListHead(head: string): boolean {
  const end = head.indexOf('\n');
  const first = (end < 0 ? head : head.slice(0, end)).replace(/\r$/, '');
  return typeof parseAdvisoryListHeader(first) !== 'string';
}

/** `[bookworm] - sope 5.8.0-1+deb12u1` (trimmed) as an affected entry, null for `<removed>`, or why not. */
function parseRelease(
  text: string,
  unknownCodename: (codename: string) => void,
): AdvisoryAffected | null | string {
  const close = text.indexOf(']');
  const rest = close < 0 ? '' : text.slice(close + 1);
  if (close < 0 || !rest.startsWith(' - ')) return 'not a "[release] - package version" line';
  const codename = text.slice(1, close);
  const [name = '', value = '', ...more] = rest.slice(3).trim().split(' ');
  const note = more.join(' ').trim();
  if (!isSourcePackage(name)) return `${JSON.stringify(name.slice(0, 40))} is not a source package name`;
  const ecosystem = debianEcosystem(codename);
  if (ecosystem === undefined) {
    unknownCodename(codename);
    return null;
  }
  if (value === '') return 'no version after the package';
  const state = markerStates.get(value);
  if (state === null) return null;
  if (state !== undefined) {
    if (note !== '' && !(note.startsWith('(') && note.endsWith(')')))
      return 'text after the state is not "(…)"';
    const reason = note.slice(1, -1).trim();
    return trackerAffected(ecosystem, name, { state, ...(reason === '' ? {} : { reason }) });
  }
  if (value.length > maxVersion || !debianVersion.test(value))
    return `${JSON.stringify(value.slice(0, 40))} is not a Debian version`;
  if (note !== '') return 'text after the version';
  return trackerAffected(ecosystem, name, { state: 'fixed', fixed: value });
}

/** `{CVE-2002-0660 CVE-2002-0728}` (trimmed): the CVEs, or why the line is refused. */
function parseAliases(text: string): string[] | string {
  if (!text.endsWith('}')) return 'an alias line without its closing "}"';
  const aliases = text
    .slice(1, -1)
    .split(' ')
    .filter((word) => word !== '');
  const other = aliases.find((word) => !cveId.test(word));
  return other === undefined ? aliases : `${JSON.stringify(other.slice(0, 40))} is not a CVE id`;
}

interface Entry extends Header {
  aliases: Set<string>;
  affected: AdvisoryAffected[];
}

function toAdvisory(entry: Entry): Advisory {
  return {
    id: entry.id,
    source: `debian-${entry.id.slice(0, 3).toLowerCase()}`,
    aliases: [...entry.aliases],
    summary: entry.summary,
    published: entry.published,
    // The list dates each advisory and never edits one in place (a revision is a new id).
    modified: entry.published,
    withdrawn: null,
    cvss: [],
    severityText: null,
    references: [`https://security-tracker.debian.org/tracker/${entry.id}`],
    affected: entry.affected,
  };
}

/**
 * Advisories from the Debian security tracker's data/DSA/list or data/DLA/list (plain or
 * gzip), streamed line by line. An entry is a `[DD Mon YYYY] DSA-NNN[-N] package - title` line
 * and the indented lines after it: `{CVE-… …}` (the aliases), `[release] - package version`
 * (fixed in that release from that version, or a `<not-affected>`, `<unfixed>`,
 * `<end-of-life>`, … state, with an optional `(reason)`), and `NOTE:` lines, which say nothing
 * matchable. One Advisory per entry with at least one package line, source `debian-dsa` or
 * `debian-dla`, published and modified the entry's date; key change and end-of-life notices
 * name no package and yield nothing. Releases are mapped as readDebianTracker maps them.
 *
 * A malformed line is told to `onInvalid` with its line number and skipped; a malformed header
 * takes its indented lines with it, so they never land on the previous advisory. A file whose
 * first line is not a header throws FeedError('feed.invalid').
 */
export async function* readDebianAdvisoryList(
  path: string,
  options: FeedReadOptions = {},
): AsyncGenerator<Advisory> {
  const progress = feedProgress(options);
  const unknownCodenames = new Set<string>();
  let entry: Entry | null = null;
  let started = false;
  for await (const { number, text: raw } of feedLines(
    feedChunks(path, progress, options.signal),
    maxLineBytes,
  )) {
    const origin = `${path}:${number}`;
    const invalid = (reason: string): void => options.onInvalid?.(origin, reason);
    const text = started || raw === null ? raw : raw.replace(/^\uFEFF/, '');
    if (text?.trim() === '') continue;
    const indented = text?.startsWith(' ') === true || text?.startsWith('\t') === true;
    if (!started) {
      const header =
        text === null || indented ? 'an indented or over-long line' : parseAdvisoryListHeader(text);
      if (typeof header === 'string')
        throw new FeedError('feed.invalid', origin, `not a Debian DSA/DLA list: ${header} first`);
      started = true;
    }
    if (text === null) {
      invalid(`longer than ${maxLineBytes} bytes`);
      continue;
    }
    if (!indented) {
      if (entry !== null && entry.affected.length > 0) {
        yield toAdvisory(entry);
        progress.record();
      }
      const header = parseAdvisoryListHeader(text);
      entry = typeof header === 'string' ? null : { ...header, aliases: new Set(), affected: [] };
      if (typeof header === 'string') invalid(header);
      continue;
    }
    // The lines of a refused header.
    if (entry === null) continue;
    const line = text.trim();
    if (line.startsWith('NOTE:')) continue;
    if (line.startsWith('{')) {
      const aliases = parseAliases(line);
      if (typeof aliases === 'string') invalid(aliases);
      else if (entry.aliases.size + aliases.length > maxAliases) invalid(`more than ${maxAliases} CVEs`);
      else for (const alias of aliases) entry.aliases.add(alias);
    } else if (line.startsWith('[')) {
      const affected = parseRelease(line, (codename) => {
        if (unknownCodenames.has(codename)) return;
        invalid(`unknown Debian release ${JSON.stringify(codename.slice(0, 40))}, skipped`);
        // Told once each, but a hostile file's endless new names are told every time.
        if (unknownCodenames.size < 64) unknownCodenames.add(codename);
      });
      if (typeof affected === 'string') invalid(affected);
      else if (affected === null) continue;
      else if (entry.affected.length >= maxAffected) invalid(`more than ${maxAffected} package lines`);
      else entry.affected.push(affected);
    } else invalid('not a {CVE…}, [release] or NOTE: line');
  }
  if (!started) throw new FeedError('feed.invalid', path, 'not a Debian DSA/DLA list: empty file');
  if (entry !== null && entry.affected.length > 0) {
    yield toAdvisory(entry);
    progress.record();
  }
  progress.end();
}
