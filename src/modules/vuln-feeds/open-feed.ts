import type { FeedKind } from '../../protocol/vuln-api.ts';
import type { Advisory, EpssEntry, KevEntry } from '../../protocol/vuln.ts';
import type { FeedReadOptions } from './feed-read-options.ts';
import { readDebianTracker } from './read-debian-tracker.ts';
import { readEpss } from './read-epss.ts';
import { readKev } from './read-kev.ts';
import { readOsvSource } from './read-osv-source.ts';

/**
 * A feed's records by what they are, read with the reader its kind needs. `sourceDate` is the
 * newest `modified` (advisories, known once they are all read), the catalog's release date (KEV)
 * or the model's score date (EPSS).
 */
export type OpenedFeed =
  | { records: 'advisories'; entries: AsyncIterable<Advisory>; sourceDate: () => string | null }
  | { records: 'kev'; entries: KevEntry[]; sourceDate: () => string | null }
  | { records: 'epss'; entries: AsyncIterable<EpssEntry>; sourceDate: () => string | null };

export async function openFeed(kind: FeedKind, path: string, options: FeedReadOptions): Promise<OpenedFeed> {
  switch (kind) {
    case 'osv':
    case 'debian-tracker': {
      let newest = '';
      const read = kind === 'osv' ? readOsvSource(path, options) : readDebianTracker(path, options);
      async function* tracked(): AsyncIterable<Advisory> {
        for await (const advisory of read) {
          if (advisory.modified > newest) newest = advisory.modified;
          yield advisory;
        }
      }
      return { records: 'advisories', entries: tracked(), sourceDate: () => newest || null };
    }
    case 'kev': {
      const catalog = await readKev(path, options);
      const date = catalog.dateReleased || catalog.catalogVersion || null;
      return { records: 'kev', entries: catalog.entries, sourceDate: () => date };
    }
    case 'epss': {
      const scores = await readEpss(path, options);
      return { records: 'epss', entries: scores.entries, sourceDate: () => scores.scoreDate };
    }
  }
}
