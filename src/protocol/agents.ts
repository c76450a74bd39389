import { z } from 'zod';

/** Headers of a signed agent request; see docs/agents.md for the signed string. */
export const agentHeaders = {
  id: 'x-vigil-agent',
  timestamp: 'x-vigil-timestamp',
  nonce: 'x-vigil-nonce',
  signature: 'x-vigil-signature',
} as const;

export const signatureVersion = 'vigil-agent-v1';
export const enrollmentTokenPrefix = 'vigil-enroll.';

export const GroupName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-"');

export const CreateEnrollmentTokenRequest = z
  .strictObject({
    group: GroupName.default('default'),
    /** Lifetime in seconds. */
    expiresInSeconds: z
      .number()
      .int()
      .min(60)
      .max(90 * 86400)
      .default(86400),
    /** Absent: any number of hosts may enroll until it expires. */
    maxUses: z.number().int().min(1).max(100000).optional(),
  })
  .meta({ id: 'CreateEnrollmentTokenRequest' });
export type CreateEnrollmentTokenRequest = z.infer<typeof CreateEnrollmentTokenRequest>;

export const EnrollmentToken = z
  .object({
    id: z.string(),
    group: z.string(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'EnrollmentToken' });
export type EnrollmentToken = z.infer<typeof EnrollmentToken>;

export const CreatedEnrollmentToken = EnrollmentToken.extend({ token: z.string() }).meta({
  id: 'CreatedEnrollmentToken',
});
export type CreatedEnrollmentToken = z.infer<typeof CreatedEnrollmentToken>;

/** What an enrollment token carries, base64url-encoded JSON after the prefix. */
export const EnrollmentTokenPayload = z.strictObject({
  v: z.literal(1),
  /** Server URL the agent should talk to. */
  url: z.url(),
  /** SHA-256 of the server CA certificate (DER), hex; null while the server serves plain HTTP. */
  ca: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  secret: z.string().min(20).max(200),
});
export type EnrollmentTokenPayload = z.infer<typeof EnrollmentTokenPayload>;

export const EnrollRequest = z
  .strictObject({
    secret: z.string().min(20).max(200),
    /** Raw 32-byte Ed25519 public key, base64url. */
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url Ed25519 public key (32 bytes)'),
    hostname: z.string().min(1).max(253),
    os: z.string().max(200).default(''),
    version: z.string().max(64),
  })
  .meta({ id: 'EnrollRequest' });
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z
  .object({
    agentId: z.string(),
    group: z.string(),
    /** The server's task-signing Ed25519 public key, raw base64url; agents verify every task with it. */
    taskPublicKey: z.string().optional(),
  })
  .meta({ id: 'EnrollResponse' });
export type EnrollResponse = z.infer<typeof EnrollResponse>;

export const agentEventKinds = ['log', 'inventory', 'inventory.change', 'fim', 'agent'] as const;

export const AgentEvent = z.strictObject({
  /** Deterministic per agent, so a re-sent event is stored once. */
  id: z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/),
  /** When it happened on the host, ISO-8601. */
  time: z.iso.datetime({ offset: true }),
  kind: z.enum(agentEventKinds),
  /** Where it came from: a file path, `journald`, a collector name. */
  source: z.string().max(1024),
  data: z.record(z.string(), z.unknown()),
});
export type AgentEvent = z.infer<typeof AgentEvent>;

export const EventBatch = z
  .strictObject({ events: z.array(AgentEvent).min(1).max(5000) })
  .meta({ id: 'EventBatch' });
export type EventBatch = z.infer<typeof EventBatch>;

export const EventBatchResult = z
  .object({ stored: z.number().int(), duplicates: z.number().int() })
  .meta({ id: 'EventBatchResult' });
export type EventBatchResult = z.infer<typeof EventBatchResult>;

export const Heartbeat = z
  .strictObject({
    version: z.string().max(64),
    hostname: z.string().min(1).max(253),
    spool: z.object({ pendingEvents: z.number().int().min(0), dropped: z.number().int().min(0) }),
  })
  .meta({ id: 'Heartbeat' });
export type Heartbeat = z.infer<typeof Heartbeat>;

export const agentStatuses = ['online', 'offline', 'revoked'] as const;

export const Agent = z
  .object({
    id: z.string(),
    hostname: z.string(),
    os: z.string(),
    version: z.string(),
    group: z.string(),
    status: z.enum(agentStatuses),
    enrolledAt: z.string(),
    lastSeenAt: z.string().nullable(),
    address: z.string().nullable(),
    spoolPending: z.number().int(),
    spoolDropped: z.number().int(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Agent' });
export type Agent = z.infer<typeof Agent>;

export const StoredEvent = AgentEvent.extend({ agentId: z.string(), receivedAt: z.string() }).meta({
  id: 'StoredEvent',
});
export type StoredEvent = z.infer<typeof StoredEvent>;

export const EventQuery = z.object({
  kind: z.enum(agentEventKinds).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The next page: events received before this ISO time… */
  before: z.iso.datetime({ offset: true }).optional(),
  /** …or at that time with a smaller id (one batch shares one receive time). */
  beforeId: z.string().max(128).optional(),
});
export type EventQuery = z.infer<typeof EventQuery>;
