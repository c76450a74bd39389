import type { Advisory } from '../../protocol/vuln.ts';
import { releaseKey } from '../vuln-match/ecosystem-keys.ts';
import { chunked, type FeedRecordStore } from './feed-record-store.ts';

/** Advisories as JSON, and the (ecosystem, package) pairs each names for the fleet lookup. */
export const advisoryStore: FeedRecordStore<Advisory> = {
  key: (advisory) => advisory.id,

  async hashes(db, feed, keys) {
    if (keys.length === 0) return new Map();
    const rows = await db
      .selectFrom('vuln_advisories')
      .select(['id', 'hash'])
      .where('feed', '=', feed)
      .where('id', 'in', keys)
      .execute();
    return new Map(rows.map((row) => [row.id, row.hash]));
  },

  async insert(db, feed, records) {
    if (records.length === 0) return;
    for (const part of chunked(records, 500))
      await db
        .insertInto('vuln_advisories')
        .values(part.map(({ key, hash, record }) => ({ feed, id: key, hash, data: JSON.stringify(record) })))
        .execute();
    const packages = records.flatMap(({ key, record }) => {
      const pairs = new Set(record.affected.map((a) => `${a.ecosystem}\n${a.name}`));
      return [...pairs].map((pair) => {
        const [ecosystem = '', name = ''] = pair.split('\n');
        return { feed, advisory_id: key, ecosystem, release: releaseKey(ecosystem), name };
      });
    });
    for (const part of chunked(packages, 1000))
      await db.insertInto('vuln_advisory_packages').values(part).execute();
  },

  async remove(db, feed, keys) {
    for (const part of chunked(keys, 1000)) {
      await db
        .deleteFrom('vuln_advisory_packages')
        .where('feed', '=', feed)
        .where('advisory_id', 'in', part)
        .execute();
      await db.deleteFrom('vuln_advisories').where('feed', '=', feed).where('id', 'in', part).execute();
    }
  },

  async keysAfter(db, feed, after, limit) {
    let query = db.selectFrom('vuln_advisories').select('id').where('feed', '=', feed);
    if (after !== null) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map((row) => row.id);
  },
};
