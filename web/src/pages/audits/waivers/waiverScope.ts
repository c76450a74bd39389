import type { WaiverScope } from '../../../../../src/protocol/audits-api.ts';

export interface ScopeHost {
  agentId: string;
  hostname: string;
  group: string;
}

export interface ScopeOption {
  value: string;
  label: string;
  scope: WaiverScope;
}

/** Every host, each group, each host: the scopes to offer, keyed by the select's value. */
export function scopeOptions(hosts: readonly ScopeHost[]): ScopeOption[] {
  const groups = [...new Set(hosts.map((host) => host.group))].sort();
  return [
    { value: 'all', label: 'All hosts', scope: 'all' },
    ...groups.map((group) => ({ value: `group:${group}`, label: `Group ${group}`, scope: { group } })),
    ...[...hosts]
      .sort((a, b) => a.hostname.localeCompare(b.hostname))
      .map((host) => ({
        value: `agent:${host.agentId}`,
        label: `Host ${host.hostname}`,
        scope: { agents: [host.agentId] },
      })),
  ];
}

/** "all hosts", "group web", "hosts web1, web2": hosts by name where the page knows them. */
export function scopePhrase(scope: WaiverScope, hosts: readonly ScopeHost[]): string {
  if (scope === 'all') return 'all hosts';
  if ('group' in scope) return `group ${scope.group}`;
  const names = scope.agents.map((id) => hosts.find((host) => host.agentId === id)?.hostname ?? id);
  return `${names.length === 1 ? 'host' : 'hosts'} ${names.join(', ')}`;
}

/** The phrase as a table cell: "All hosts", "Group web", "Host web1". */
export function describeScope(scope: WaiverScope, hosts: readonly ScopeHost[]): string {
  const phrase = scopePhrase(scope, hosts);
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}
