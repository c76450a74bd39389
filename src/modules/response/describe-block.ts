import type { Block } from '../../protocol/blocks.ts';
import { describeHosts } from './describe-hosts.ts';
import type { FirewallAgent } from './firewall-agent.ts';

/** `until 2026-… on web1, web2; reason: …`, for the audit log and the CLI. */
export function describeBlock(block: Block, agents: readonly FirewallAgent[]): string {
  return `until ${block.expiresAt ?? 'lifted'} on ${describeHosts(agents)}; reason: ${block.reason}`;
}
