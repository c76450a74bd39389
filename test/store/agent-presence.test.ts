import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markAgentBack, sweepOfflineAgents } from '../../src/modules/agents/agent-presence.ts';
import { findAgent, insertAgent } from '../../src/modules/agents/agents-store.ts';
import { describeEachDialect } from '../helpers/test-database.ts';

const minute = 60_000;
const start = new Date('2026-05-01T10:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describeEachDialect('agent presence', (_dialect, fresh) => {
  test('a silent agent raises agent.offline once, and agent.online when it is back', async () => {
    const { database } = await fresh();
    const { db } = database;
    const agent = {
      id: '11111111-1111-4111-8111-111111111111',
      public_key: 'A'.repeat(43),
      hostname: 'db-1',
      os: 'Linux',
      version: 't',
      group_name: 'default',
      enrollment_token_id: null,
      enrolled_at: start.toISOString(),
      last_seen_at: start.toISOString(),
      address: null,
      spool_pending: 0,
      spool_dropped: 0,
      revoked_at: null,
    };
    await insertAgent(db, agent);
    assert.equal(await sweepOfflineAgents(db, at(minute), 2 * minute), 0, 'not silent long enough');
    assert.equal(await sweepOfflineAgents(db, at(3 * minute), 2 * minute), 1);
    assert.equal(await sweepOfflineAgents(db, at(4 * minute), 2 * minute), 0, 'raised once per silence');
    const row = await findAgent(db, agent.id);
    assert.ok(row);
    assert.equal(row.offline_since, start.toISOString());
    await markAgentBack(db, agent.id, row.offline_since, at(5 * minute));
    assert.equal((await findAgent(db, agent.id))?.offline_since, null);
    const events = await db
      .selectFrom('events')
      .select(['kind', 'data'])
      .where('agent_id', '=', agent.id)
      .execute();
    assert.deepEqual(events.map((e) => (JSON.parse(e.data) as { event: string }).event).sort(), [
      'agent.offline',
      'agent.online',
    ]);
    assert.ok(events.every((e) => e.kind === 'agent'));
  });
});
