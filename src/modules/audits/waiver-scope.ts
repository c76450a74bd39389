import { WaiverScope } from '../../protocol/audits-api.ts';

export interface WaivedHost {
  id: string;
  group: string;
}

/** A stored scope; one that no longer parses covers nothing rather than everything. */
export function parseWaiverScope(text: string): WaiverScope {
  const parsed = WaiverScope.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : { agents: ['-'] };
}

export function waiverCovers(scope: WaiverScope, host: WaivedHost): boolean {
  if (scope === 'all') return true;
  if ('group' in scope) return scope.group === host.group;
  return scope.agents.includes(host.id);
}

/** For reports: `all hosts`, `group web`, `hosts web1, web2`. */
export function describeWaiverScope(scope: WaiverScope, hostnames: ReadonlyMap<string, string>): string {
  if (scope === 'all') return 'all hosts';
  if ('group' in scope) return `group ${scope.group}`;
  const names = scope.agents.map((id) => hostnames.get(id) ?? id);
  return `${names.length === 1 ? 'host' : 'hosts'} ${names.join(', ')}`;
}
