import { z } from 'zod';
import { severities } from './finding.ts';

/*
 * The alert document follows OCSF's Detection Finding (class 2004): snake_case
 * names and epoch-millisecond times. Everything around it (queries,
 * suppressions, the timeline) follows Vigil's own API style: camelCase and
 * ISO-8601 times. docs/alerts.md describes every field.
 */

export const alertStatuses = ['new', 'acknowledged', 'resolved', 'false_positive'] as const;
export const AlertStatus = z.enum(alertStatuses);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const Severity = z.enum(severities);

/** `open` is new or acknowledged, `closed` is resolved or false positive. */
export const AlertStatusFilter = z.enum([...alertStatuses, 'open', 'closed']);
export type AlertStatusFilter = z.infer<typeof AlertStatusFilter>;

const EpochMs = z.number().int();

export const AlertAttack = z.object({
  technique: z.object({ uid: z.string() }).optional(),
  tactic: z.object({ uid: z.string(), name: z.string() }).optional(),
});
export type AlertAttack = z.infer<typeof AlertAttack>;

export const Alert = z
  .object({
    id: z.string(),
    class_uid: z.literal(2004),
    class_name: z.literal('Detection Finding'),
    category_uid: z.literal(2),
    category_name: z.literal('Findings'),
    /** 1 Informational … 5 Critical, as OCSF numbers them. */
    severity_id: z.number().int().min(1).max(5),
    /** The rule's Sigma level. */
    severity: Severity,
    /** OCSF: 1 New, 2 In Progress (acknowledged), 4 Resolved, 99 Other (false positive). */
    status_id: z.number().int(),
    status: AlertStatus,
    /** Events behind the alert, over every repeat merged into it. */
    count: z.number().int(),
    finding_info: z.object({
      uid: z.string(),
      title: z.string(),
      /** `detection` (one event matched) or `correlation` (a group of events did). */
      types: z.array(z.string()),
      first_seen_time: EpochMs,
      last_seen_time: EpochMs,
      created_time: EpochMs,
      modified_time: EpochMs,
      analytic: z.object({
        uid: z.string(),
        name: z.string(),
        type: z.literal('Rule'),
        type_id: z.literal(1),
      }),
    }),
    attacks: z.array(AlertAttack),
    /** The rule's tags other than ATT&CK's. */
    tags: z.array(z.string()),
    /** What the alert is about; repeats for the same rule and entities merge into one alert. */
    entities: z.object({
      src_ip: z.string().nullable(),
      user: z.string().nullable(),
      host: z.string().nullable(),
      /** The enrolled agent on `host`, when exactly one has that hostname. */
      agent_id: z.string().nullable(),
    }),
    /** A username. */
    assignee: z.string().nullable(),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

export const AlertEvidence = z.object({
  /** 1 for the first event ever attached to the alert. */
  seq: z.number().int(),
  time: EpochMs,
  /** The log line exactly as read. */
  raw_data: z.string(),
  /** The normalized SecurityEvent (see src/protocol/security-event.ts), without raw_data. */
  event: z.record(z.string(), z.unknown()),
});
export type AlertEvidence = z.infer<typeof AlertEvidence>;

export const AlertNote = z.object({
  id: z.string(),
  author: z.string(),
  text: z.string(),
  created_time: EpochMs,
});
export type AlertNote = z.infer<typeof AlertNote>;

export const AlertDetail = Alert.extend({
  /** The first and the latest evidence events, oldest first. */
  evidence: z.array(AlertEvidence),
  /** Evidence events dropped between the first and the latest to keep the alert small. */
  evidence_omitted: z.number().int(),
  /** Oldest first. */
  notes: z.array(AlertNote),
}).meta({ id: 'AlertDetail' });
export type AlertDetail = z.infer<typeof AlertDetail>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const IpAddress = z.union([z.ipv4(), z.ipv6()]);

export const AlertFilters = z.object({
  status: AlertStatusFilter.optional(),
  /** At least this severity. */
  severity: Severity.optional(),
  /** Rule id. */
  rule: Text(200).optional(),
  srcIp: IpAddress.optional(),
  user: Text(255).optional(),
  host: Text(255).optional(),
  /** Alerts with activity in this range (log time): last seen at or after `since`, first seen before `until`. */
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  /** Words in the title, rule id or entities, case-insensitive. */
  q: Text(200).optional(),
});
export type AlertFilters = z.infer<typeof AlertFilters>;

export const AlertQuery = AlertFilters.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` from the previous page. */
  cursor: z.string().max(300).optional(),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

export const AlertPage = z
  .object({
    /** Most recent activity (last seen) first. */
    alerts: z.array(Alert),
    /** Null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AlertPage' });
export type AlertPage = z.infer<typeof AlertPage>;

export const TimelineBucket = z.enum(['1h', '6h', '1d']);
export type TimelineBucket = z.infer<typeof TimelineBucket>;

export const TimelineQuery = AlertFilters.extend({ bucket: TimelineBucket.default('1h') });
export type TimelineQuery = z.infer<typeof TimelineQuery>;

const Count = z.number().int();
export const SeverityCounts = z.object({
  informational: Count,
  low: Count,
  medium: Count,
  high: Count,
  critical: Count,
});
export type SeverityCounts = z.infer<typeof SeverityCounts>;

export const AlertTimeline = z
  .object({
    bucket: TimelineBucket,
    since: z.string(),
    until: z.string(),
    /** Alerts by the bucket their first event fell in, oldest bucket first, empty buckets included. */
    buckets: z.array(z.object({ start: z.string(), counts: SeverityCounts })),
  })
  .meta({ id: 'AlertTimeline' });
export type AlertTimeline = z.infer<typeof AlertTimeline>;

export const AlertSummary = z
  .object({
    /** New or acknowledged. */
    open: z.number().int(),
    /** Not yet acknowledged. */
    new: z.number().int(),
    openBySeverity: SeverityCounts,
  })
  .meta({ id: 'AlertSummary' });
export type AlertSummary = z.infer<typeof AlertSummary>;

export const UpdateAlertRequest = z
  .strictObject({
    status: AlertStatus.optional(),
    /** A username, or null to unassign. */
    assignee: z.string().trim().min(1).max(64).nullable().optional(),
  })
  .refine((body) => body.status !== undefined || body.assignee !== undefined, {
    message: 'change status, assignee or both',
  })
  .meta({ id: 'UpdateAlertRequest' });
export type UpdateAlertRequest = z.infer<typeof UpdateAlertRequest>;

export const CreateAlertNoteRequest = z
  .strictObject({ text: Text(4000) })
  .meta({ id: 'CreateAlertNoteRequest' });
export type CreateAlertNoteRequest = z.infer<typeof CreateAlertNoteRequest>;

export const AlertSuppression = z
  .object({
    id: z.string(),
    /** Null matches any rule (and likewise for each entity). */
    ruleId: z.string().nullable(),
    srcIp: z.string().nullable(),
    user: z.string().nullable(),
    host: z.string().nullable(),
    reason: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    /** Null: never expires. */
    expiresAt: z.string().nullable(),
    active: z.boolean(),
    /** Findings dropped so far. */
    suppressedCount: z.number().int(),
    lastSuppressedAt: z.string().nullable(),
  })
  .meta({ id: 'AlertSuppression' });
export type AlertSuppression = z.infer<typeof AlertSuppression>;

export const CreateAlertSuppressionRequest = z
  .strictObject({
    ruleId: Text(200).optional(),
    srcIp: IpAddress.optional(),
    user: Text(255).optional(),
    host: Text(255).optional(),
    reason: Text(500),
    /** Null: never expires. */
    expiresInSeconds: z
      .number()
      .int()
      .min(60)
      .max(366 * 86400)
      .nullable(),
  })
  .refine((body) => [body.ruleId, body.srcIp, body.user, body.host].some((v) => v !== undefined), {
    message: 'name a rule or an entity (srcIp, user, host): a suppression must not match every finding',
  })
  .meta({ id: 'CreateAlertSuppressionRequest' });
export type CreateAlertSuppressionRequest = z.infer<typeof CreateAlertSuppressionRequest>;
