import type { FirewallAgent } from './firewall-agent.ts';

const shown = 10;

/** `web1, web2 and 3 more`, for logs, the audit log and the CLI. */
export function describeHosts(agents: readonly FirewallAgent[]): string {
  if (agents.length === 0) return 'no host yet';
  const names = agents.slice(0, shown).map((agent) => agent.hostname);
  return agents.length > shown ? `${names.join(', ')} and ${agents.length - shown} more` : names.join(', ');
}
