import type { EnrollmentToken } from '../../../../../src/protocol/agents.ts';

export type EnrollmentTokenStatus = 'active' | 'used up' | 'expired' | 'revoked';

export function enrollmentTokenStatus(token: EnrollmentToken, now = Date.now()): EnrollmentTokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (new Date(token.expiresAt).getTime() <= now) return 'expired';
  if (token.maxUses !== null && token.uses >= token.maxUses) return 'used up';
  return 'active';
}
