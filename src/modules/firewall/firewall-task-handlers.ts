import { FirewallBlockParams, FirewallSyncParams, FirewallUnblockParams } from '../../protocol/firewall.ts';
import type { Firewall, FirewallChange } from './create-firewall.ts';
import { parseTaskParams } from './parse-task-params.ts';

type FirewallTaskKind = 'firewall.block' | 'firewall.unblock' | 'firewall.sync';
type Handler = (params: Record<string, unknown>) => Promise<string>;

/**
 * The agent's handlers for firewall tasks, each answering with one line for the task's output.
 * Params are checked before `firewall()` is asked for the firewall, which rejects with the
 * reason when this host has none (no root, no nft or iptables, --no-firewall).
 */
export function firewallTaskHandlers(firewall: () => Promise<Firewall>): Record<FirewallTaskKind, Handler> {
  return {
    'firewall.block': async (params) => {
      const { blocks } = parseTaskParams(FirewallBlockParams, params, 'firewall.block');
      const host = await firewall();
      const change = await host.block(blocks);
      const fresh = blocks.length - change.blockedBefore;
      return `blocked ${blocks.length} (${fresh} new), ${host.describe()}${keptOpen(change)}`;
    },
    'firewall.unblock': async (params) => {
      const { addresses } = parseTaskParams(FirewallUnblockParams, params, 'firewall.unblock');
      const host = await firewall();
      const change = await host.unblock(addresses);
      const was = change.blockedBefore === 1 ? 'was' : 'were';
      return `unblocked ${addresses.length} (${change.blockedBefore} ${was} blocked), ${host.describe()}`;
    },
    'firewall.sync': async (params) => {
      const { blocks } = parseTaskParams(FirewallSyncParams, params, 'firewall.sync');
      const host = await firewall();
      const change = await host.sync(blocks);
      return (
        `synced ${blocks.length} blocks as ${change.elements} elements (${change.added} added, ` +
        `${change.removed} removed, ${change.changed} with a new expiry), ${host.describe()}${keptOpen(change)}`
      );
    },
  };
}

function keptOpen(change: FirewallChange): string {
  return change.keptOpen.length === 0 ? '' : `; never blocked here: ${change.keptOpen.join(', ')}`;
}
