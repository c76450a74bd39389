import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { streamAudit } from './store.ts';

export type ExportFormat = 'json' | 'jsonl';

/** The whole log, oldest first, as text chunks of a JSON array or of JSON lines; memory stays flat. */
export async function* exportChunks(db: Kysely<DB>, format: ExportFormat): AsyncGenerator<string> {
  let first = true;
  if (format === 'json') yield '[';
  for await (const entry of streamAudit(db)) {
    const line = JSON.stringify(entry);
    yield format === 'json' ? `${first ? '' : ','}\n${line}` : `${line}\n`;
    first = false;
  }
  if (format === 'json') yield '\n]\n';
}
