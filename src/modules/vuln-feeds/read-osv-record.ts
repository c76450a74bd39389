import { parse as parseYaml } from 'yaml';
import type { Advisory, AdvisoryAffected, CvssVector, OsvEvent } from '../../protocol/vuln.ts';
import { linkReferences, summaryText } from './advisory-text.ts';
import { FeedError, invalidReason } from './feed-error.ts';
import { eventKinds, OsvRecord } from './osv-record-schema.ts';

export const osvSource = 'osv';

const cvssTypes = new Set<string>(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);
const ubuntuPriorities = new Set(['negligible', 'low', 'medium', 'high', 'critical']);

export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/**
 * One OSV record (JSON, or YAML when `origin` ends in .yaml/.yml) as an Advisory. Throws
 * FeedError('feed.invalid') naming `origin` when it is not a valid OSV record.
 */
export function readOsvRecord(text: string, origin: string): Advisory {
  const yaml = isYamlName(origin);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = yaml ? parseYaml(body) : JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    throw new FeedError('feed.invalid', origin, `not ${yaml ? 'YAML' : 'JSON'}: ${detail}`);
  }
  const parsed = OsvRecord.safeParse(data);
  if (!parsed.success) {
    throw new FeedError('feed.invalid', origin, `not an OSV record: ${invalidReason(parsed.error.issues)}`);
  }
  return toAdvisory(parsed.data);
}

function toAdvisory(record: OsvRecord): Advisory {
  const severities = [
    ...(record.severity ?? []),
    ...(record.affected ?? []).flatMap((entry) => entry.severity ?? []),
  ];
  const cvss = new Map<string, CvssVector>();
  for (const { type, score } of severities) {
    if (cvssTypes.has(type))
      cvss.set(`${type} ${score}`, { type: type as CvssVector['type'], vector: score });
  }
  // Ubuntu's priority is its own severity type; older Ubuntu records kept it in database_specific.
  const ubuntu = severities.find((severity) => severity.type === 'Ubuntu')?.score.toLowerCase();
  const priority = databasePriority(record.database_specific);
  // `upstream` names the CVE a distribution record is about (UBUNTU-CVE-…): matching needs it
  // like an alias. `related` names different vulnerabilities, so it is not merged in.
  const aliases = new Set([...(record.aliases ?? []), ...(record.upstream ?? [])]);
  aliases.delete(record.id);
  return {
    id: record.id,
    source: osvSource,
    aliases: [...aliases],
    summary: summaryText(record.summary ?? record.details ?? ''),
    published: record.published ?? null,
    modified: record.modified,
    withdrawn: record.withdrawn ?? null,
    cvss: [...cvss.values()],
    severityText: [ubuntu, priority].find((word) => word !== undefined && ubuntuPriorities.has(word)) ?? null,
    references: linkReferences((record.references ?? []).map((reference) => reference.url)),
    affected: (record.affected ?? []).flatMap((entry): AdvisoryAffected[] =>
      entry.package === undefined
        ? []
        : [
            {
              // For Debian and Ubuntu the name is already the source package.
              ecosystem: entry.package.ecosystem,
              name: entry.package.name,
              ranges: (entry.ranges ?? []).map((range) => ({
                type: range.type,
                events: range.events.map(toEvent),
              })),
              versions: entry.versions ?? [],
            },
          ],
    ),
  };
}

function toEvent(event: Partial<Record<(typeof eventKinds)[number], string>>): OsvEvent {
  for (const kind of eventKinds) {
    const version = event[kind];
    if (version !== undefined) return { [kind]: version } as OsvEvent;
  }
  // Unreachable: the schema lets only events with exactly one kind through.
  throw new Error('event without a kind');
}

function databasePriority(specific: unknown): string | undefined {
  if (typeof specific !== 'object' || specific === null || !('priority' in specific)) return undefined;
  return typeof specific.priority === 'string' ? specific.priority.toLowerCase() : undefined;
}
