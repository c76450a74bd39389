import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonResponse } from '../../platform/http/define-route.ts';
import { Overview } from '../../protocol/overview.ts';
import { latestVerification } from '../audit/verification-status.ts';
import { countActiveSessions, sessionPolicy } from '../auth/sessions.ts';
import type { Deps } from '../deps.ts';
import { countLiveTokens } from '../tokens/store.ts';
import { countUsers } from '../users/store.ts';
import { dailyAuditCounts } from './daily-counts.ts';

const overview = defineRoute({
  method: 'get',
  path: '/api/overview',
  action: 'overview.get',
  access: 'overview:read',
  summary: 'Dashboard figures',
  tags: ['overview'],
  responses: { 200: jsonResponse(Overview, 'Dashboard figures') },
});

export function registerOverviewRoutes(app: ApiApp, deps: Deps, version: string): void {
  const { db } = deps.database;
  const policy = sessionPolicy(deps.config.auth);

  app.openapi(overview, async (c) => {
    const now = deps.clock.now();
    const verification = await latestVerification(db, now);
    const head = await db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
    return c.json(
      {
        users: await countUsers(db),
        activeSessions: await countActiveSessions(db, now, policy),
        apiTokens: await countLiveTokens(db, now),
        auditEntries: head?.seq ?? 0,
        logins: await dailyAuditCounts(db, now, 14, { action: 'auth.login', include: true }),
        changes: await dailyAuditCounts(db, now, 14, { action: 'auth.login', include: false }),
        auditChainOk: verification.ok,
        version,
        database: deps.database.kind,
      },
      200,
    );
  });
}
