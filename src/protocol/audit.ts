import { z } from 'zod';

export const auditOutcomes = ['success', 'failure', 'denied', 'error'] as const;
export const AuditOutcome = z.enum(auditOutcomes);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actor: z.string().nullable(),
    /** e.g. `users.create`, `auth.login`; `http.post` when no route matched. */
    action: z.string(),
    method: z.string(),
    path: z.string(),
    target: z.string().nullable(),
    sourceIp: z.string().nullable(),
    userAgent: z.string().nullable(),
    status: z.number().int(),
    outcome: AuditOutcome,
    detail: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
  actor: z.string().max(64).optional(),
  outcome: AuditOutcome.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z
  .object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    headSeq: z.number().int().nullable(),
    headHash: z.string().nullable(),
    /** The first row whose contents or link do not match the chain. */
    firstBadSeq: z.number().int().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerification>;
