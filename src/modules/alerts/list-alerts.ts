import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { AlertPage, AlertQuery } from '../../protocol/alerts.ts';
import type { DB } from '../../store/schema.ts';
import { matchFilters } from './match-filters.ts';
import { toAlert } from './to-alert.ts';

/* The cursor is the last row's sort key, opaque to clients: base64url JSON of [last_seen, id]. */
const encodeCursor = (lastSeen: string, id: string) =>
  Buffer.from(JSON.stringify([lastSeen, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return value as [string, string];
    }
  } catch {
    // Reported below, like any other cursor this server did not make.
  }
  throw new AppError('validation_failed', 'cursor: not a cursor from a previous page', {
    issues: [{ path: 'cursor', message: 'not a cursor from a previous page' }],
  });
}

/**
 * Alerts by most recent activity. Paging is keyed on last_seen, so an alert
 * that fires again while someone pages moves to the top of the first page.
 */
export async function listAlerts(db: Kysely<DB>, query: AlertQuery): Promise<AlertPage> {
  const { since, until, cursor, limit } = query;
  let q = db
    .selectFrom('alerts')
    .selectAll()
    .where((eb) => matchFilters(eb, query))
    .orderBy('last_seen', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (since !== undefined) q = q.where('last_seen', '>=', new Date(since).toISOString());
  if (until !== undefined) q = q.where('first_seen', '<', new Date(until).toISOString());
  if (cursor !== undefined) {
    const [lastSeen, id] = decodeCursor(cursor);
    q = q.where((eb) =>
      eb.or([eb('last_seen', '<', lastSeen), eb.and([eb('last_seen', '=', lastSeen), eb('id', '<', id)])]),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    alerts: page.map(toAlert),
    nextCursor: rows.length > limit && last ? encodeCursor(last.last_seen, last.id) : null,
  };
}
