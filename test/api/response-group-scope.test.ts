import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConfigSchema } from '../../src/platform/config.ts';
import type { AgentEvent } from '../../src/protocol/agents.ts';
import type { BlockList } from '../../src/protocol/blocks.ts';
import type { FirewallBlockParams } from '../../src/protocol/firewall.ts';
import { sshBruteForceRuleIds } from '../../src/protocol/response-config.ts';
import { describeEachDialect } from '../helpers/test-database.ts';
import { harness, type HandAgent, type Harness } from '../modules/firewall-policy/harness.ts';

const attacker = '203.0.113.91';
const logStart = Date.now() - 2 * 60_000;
let sequence = 0;

/** One sshd `Failed password` line from the attacker on web1, as an agent ships it. */
function failure(): AgentEvent {
  sequence += 1;
  const time = new Date(logStart + sequence * 1000);
  const stamp = `${time.toUTCString().slice(8, 11)} ${String(time.getUTCDate()).padStart(2, ' ')} ${time.toISOString().slice(11, 19)}`;
  return {
    id: `gateway-${sequence}-${Math.random().toString(36).slice(2)}`,
    time: time.toISOString(),
    kind: 'log',
    source: '/var/log/auth.log',
    data: {
      line: `${stamp} web1 sshd[${5000 + sequence}]: Failed password for deploy from ${attacker} port ${41000 + sequence} ssh2`,
    },
  };
}

test('a block scope names a group, or agents, never both or neither', () => {
  const scope = (value: unknown) =>
    ConfigSchema.safeParse({
      response: {
        policies: [{ name: 'p', match: { minSeverity: 'high' }, actions: [{ type: 'block', scope: value }] }],
      },
    }).success;
  assert.equal(scope({ group: 'gateways' }), true);
  assert.equal(scope({ group: 'Gateways!' }), false, 'a group name as enrollment takes it');
  assert.equal(scope({ group: 'gateways', agents: ['a'] }), false);
  assert.equal(scope({}), false);
});

describeEachDialect('response: block on a named group', (_dialect, fresh) => {
  let h: Harness;
  let web1: HandAgent;
  let gateway1: HandAgent;
  let gateway2: HandAgent;
  before(async () => {
    h = await harness(await fresh(), {
      response: {
        policies: [
          {
            name: 'keep-out-at-the-edge',
            match: { rules: sshBruteForceRuleIds, minSeverity: 'high' },
            actions: [{ type: 'block', scope: { group: 'gateways' } }],
          },
        ],
      },
    });
    web1 = await h.enroll('web', 'web1');
    gateway1 = await h.enroll('gateways', 'gw1');
    gateway2 = await h.enroll('gateways', 'gw2');
  });
  after(async () => {
    await h.server.close();
  });

  test('an attack on a web server blocks its source on every gateway, not on the web server', async () => {
    await web1.client.post('/api/agent/v1/events', { events: Array.from({ length: 5 }, failure) });
    await h.server.detection.live.idle();
    await h.server.detection.response.idle();
    for (const gateway of [gateway1, gateway2]) {
      const tasks = await gateway.poll();
      assert.deepEqual(
        tasks.map((task) => task.kind),
        ['firewall.block'],
      );
      assert.equal((tasks[0]?.params as FirewallBlockParams).blocks[0]?.address, attacker);
    }
    assert.deepEqual(await web1.poll(), [], 'the attacked host is not a gateway');
    const { blocks } = (await h.admin.request<BlockList>('GET', '/api/blocks')).body;
    const [block, more] = blocks;
    assert.ok(block && !more, 'one block');
    assert.deepEqual(block.scope, { group: 'gateways' });
    assert.equal(block.createdBy, 'policy:keep-out-at-the-edge');

    // A gateway that joins later gets the block with its first poll, as any group block.
    const gateway3 = await h.enroll('gateways', 'gw3');
    assert.ok(gateway3.id);
    const synced = await h.server.deps.database.db
      .selectFrom('agent_tasks')
      .select('kind')
      .where('agent_id', '=', gateway3.id)
      .execute();
    assert.deepEqual(
      synced.map((task) => task.kind),
      ['firewall.sync'],
    );
  });
});
