import type { Finding, FindingEntities } from '../../protocol/finding.ts';
import type { SecurityEvent } from '../../protocol/security-event.ts';
import type { SigmaRule } from './sigma-rule.ts';

const techniqueTag = /^attack\.(t\d{4}(?:\.\d{3})?)$/;
/** ATT&CK ids that are not techniques: groups, software, data sources, mitigations, assets. */
const otherAttackId = /^attack\.(?:g|s|ds|m|a)\d{4}$/;

/** What a finding says about its rule; built once per rule. */
export function findingRule(rule: SigmaRule): Finding['rule'] {
  const attack: string[] = [];
  for (const tag of rule.tags) {
    const technique = techniqueTag.exec(tag)?.[1];
    if (technique !== undefined) attack.push(technique.toUpperCase());
    else if (tag.startsWith('attack.') && !otherAttackId.test(tag)) attack.push(tag.slice('attack.'.length));
  }
  return {
    id: rule.key,
    title: rule.title,
    severity: rule.severity,
    attack,
    tags: rule.tags,
    type: rule.kind,
  };
}

export function finding(
  rule: Finding['rule'],
  events: SecurityEvent[],
  window: { first: number; last: number; count: number },
): Finding {
  return {
    rule: { ...rule, attack: [...rule.attack], tags: [...rule.tags] },
    entities: entitiesOf(events),
    firstSeen: window.first,
    lastSeen: window.last,
    count: window.count,
    evidence: events,
  };
}

/** The source address, user and host every event agrees on; a value the events differ on is left out. */
function entitiesOf(events: readonly SecurityEvent[]): FindingEntities {
  const entities: FindingEntities = {};
  const srcIp = agreed(events, (event) => event.src_endpoint?.ip);
  const user = agreed(events, (event) => event.user?.name);
  const host = agreed(events, (event) => event.device?.hostname);
  if (srcIp !== undefined) entities.srcIp = srcIp;
  if (user !== undefined) entities.user = user;
  if (host !== undefined) entities.host = host;
  return entities;
}

function agreed(
  events: readonly SecurityEvent[],
  read: (event: SecurityEvent) => string | undefined,
): string | undefined {
  const first = events[0] === undefined ? undefined : read(events[0]);
  return first !== undefined && events.every((event) => read(event) === first) ? first : undefined;
}
