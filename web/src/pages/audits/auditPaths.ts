export const auditsPath = '/audits';

/** `#/audits/<agentId>`: one host's audit. */
export const hostAuditPath = (agentId: string) => `${auditsPath}/${encodeURIComponent(agentId)}`;

/** `#/audits/<agentId>/<policyId>/<checkId>`: one check on one host, with its evidence and history. */
export const checkPath = (agentId: string, policyId: string, checkId: number) =>
  `${hostAuditPath(agentId)}/${encodeURIComponent(policyId)}/${checkId}`;

export type AuditRoute =
  | { page: 'fleet' }
  | { page: 'host'; agentId: string }
  | { page: 'check'; agentId: string; policyId: string; checkId: number }
  | { page: 'unknown' };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A hand-typed address with a stray "%": show it as an unknown item rather than crash.
    return segment;
  }
}

export function auditRoute(path: string): AuditRoute {
  if (path === auditsPath) return { page: 'fleet' };
  const segments = path
    .slice(auditsPath.length + 1)
    .split('/')
    .map(decode);
  const [agentId, policyId, checkId] = segments;
  if (segments.length === 1 && agentId) return { page: 'host', agentId };
  if (segments.length === 3 && agentId && policyId && checkId && /^-?\d{1,15}$/.test(checkId))
    return { page: 'check', agentId, policyId, checkId: Number(checkId) };
  return { page: 'unknown' };
}
