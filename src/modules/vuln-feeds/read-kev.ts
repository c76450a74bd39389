import { z } from 'zod';
import type { KevEntry } from '../../protocol/vuln.ts';
import { FeedError, invalidReason } from './feed-error.ts';
import type { FeedReadOptions } from './feed-read-options.ts';
import { readFileBounded } from './read-file-bounded.ts';

/** The real catalog is under 2 MB; this leaves room for growth, not for hostile sizes. */
const maxCatalogBytes = 64 * 1024 * 1024;

const cveId = /^CVE-\d{4}-\d{4,19}$/;

const Vulnerability = z.object({
  cveID: z.string().regex(cveId),
  vendorProject: z.string().max(1024),
  product: z.string().max(1024),
  vulnerabilityName: z.string().max(4096),
  dateAdded: z.iso.date(),
  dueDate: z.iso.date(),
  knownRansomwareCampaignUse: z.string().max(64).optional(),
});

const Catalog = z.object({
  catalogVersion: z.string().min(1).max(64),
  dateReleased: z.iso.datetime({ offset: true }),
  vulnerabilities: z.array(z.unknown()),
});

/**
 * CISA's Known Exploited Vulnerabilities catalog (known_exploited_vulnerabilities.json and its
 * schema). The catalog is small and read whole; an entry that breaks the schema is told to
 * `onInvalid` and skipped, a file that is not a catalog throws FeedError.
 */
export async function readKev(
  path: string,
  options: FeedReadOptions = {},
): Promise<{ catalogVersion: string; dateReleased: string; entries: KevEntry[] }> {
  const bytes = await readFileBounded(path, maxCatalogBytes, options.signal);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new FeedError('feed.invalid', path, `not JSON: ${String(error)}`);
  }
  const catalog = Catalog.safeParse(data);
  if (!catalog.success) {
    throw new FeedError('feed.invalid', path, `not a KEV catalog: ${invalidReason(catalog.error.issues)}`);
  }
  const entries: KevEntry[] = [];
  for (const [index, item] of catalog.data.vulnerabilities.entries()) {
    const parsed = Vulnerability.safeParse(item);
    if (!parsed.success) {
      options.onInvalid?.(`${path}#vulnerabilities/${index}`, invalidReason(parsed.error.issues));
      continue;
    }
    const entry = parsed.data;
    entries.push({
      cve: entry.cveID,
      dateAdded: entry.dateAdded,
      dueDate: entry.dueDate,
      knownRansomware: entry.knownRansomwareCampaignUse === 'Known',
      vendor: entry.vendorProject,
      product: entry.product,
      name: entry.vulnerabilityName,
    });
  }
  options.onProgress?.({ records: entries.length, bytes: bytes.length });
  return { catalogVersion: catalog.data.catalogVersion, dateReleased: catalog.data.dateReleased, entries };
}
