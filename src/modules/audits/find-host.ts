import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { DB } from '../../store/schema.ts';

export interface AuditedHost {
  id: string;
  hostname: string;
  group: string;
}

/** An enrolled host (revoked ones too: their audits are still records), or 404. */
export async function requireHost(db: Kysely<DB>, agentId: string): Promise<AuditedHost> {
  const row = await db
    .selectFrom('agents')
    .select(['id', 'hostname', 'group_name'])
    .where('id', '=', agentId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such host');
  return { id: row.id, hostname: row.hostname, group: row.group_name };
}
