import type { FindingEntities } from '../../protocol/finding.ts';

/** A finding's entities as stored and matched: trimmed, null when absent, case folded where case means nothing. */
export interface AlertEntities {
  srcIp: string | null;
  user: string | null;
  host: string | null;
}

const clip = (value: string | undefined, max: number, fold: boolean): string | null => {
  const trimmed = value?.trim().slice(0, max);
  if (!trimmed) return null;
  // IPv6 and DNS names are case-insensitive; Unix account names are not.
  return fold ? trimmed.toLowerCase() : trimmed;
};

export function normalizeEntities(entities: FindingEntities): AlertEntities {
  return {
    srcIp: clip(entities.srcIp, 64, true),
    user: clip(entities.user, 255, false),
    host: clip(entities.host, 255, true),
  };
}

/** JSON, so no user or host name can make two different entity sets look alike. */
export function entityKey(entities: AlertEntities): string {
  return JSON.stringify([entities.srcIp, entities.user, entities.host]);
}

export function dedupKey(ruleId: string, entities: AlertEntities): string {
  return JSON.stringify([ruleId, entities.srcIp, entities.user, entities.host]);
}
