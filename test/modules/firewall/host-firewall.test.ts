import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firewallTaskHandlers } from '../../../src/modules/firewall/firewall-task-handlers.ts';
import { openHostFirewall } from '../../../src/modules/firewall/open-host-firewall.ts';

test('with --no-firewall, firewall tasks fail with that reason; their params are still checked first', async () => {
  const handlers = firewallTaskHandlers(() =>
    openHostFirewall({ enabled: false, serverUrl: 'https://192.0.2.1:8470' }),
  );
  await assert.rejects(
    handlers['firewall.block']({ blocks: [{ address: '198.51.100.1', expiresAt: null }] }),
    /^Error: firewall tasks are off on this agent: it runs with --no-firewall$/,
  );
  await assert.rejects(
    handlers['firewall.sync']({ blocks: [{ address: 'nope', expiresAt: null }] }),
    /invalid firewall.sync params/,
  );
  await assert.rejects(handlers['firewall.unblock']({ addresses: [] }), /invalid firewall.unblock params/);
});
