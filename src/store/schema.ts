import type { Insertable, Selectable, Updateable } from 'kysely';
import type { NetscanTables } from './schema-netscans.ts';
import type { PatchTables } from './schema-patches.ts';
import type { VulnTables } from './schema-vulns.ts';

/*
 * One schema for every dialect: times are ISO-8601 UTC strings (they sort and
 * compare as text everywhere), booleans are 0/1 integers, JSON is text.
 */

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value; the cookie itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  source_ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginFailuresTable {
  /** `account:<username>` or `ip:<address>`. */
  key: string;
  failures: number;
  window_start: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor: string | null;
  action: string;
  method: string;
  path: string;
  target: string | null;
  source_ip: string | null;
  user_agent: string | null;
  status: number;
  outcome: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** A single row that serialises appends to the audit chain across processes. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface EnrollmentTokensTable {
  id: string;
  secret_hash: string;
  group_name: string;
  max_uses: number | null;
  uses: number;
  created_at: string;
  created_by: string | null;
  expires_at: string;
  revoked_at: string | null;
}

export interface AgentsTable {
  id: string;
  /** Raw Ed25519 public key, base64url. */
  public_key: string;
  hostname: string;
  os: string;
  version: string;
  group_name: string;
  enrollment_token_id: string | null;
  enrolled_at: string;
  last_seen_at: string | null;
  address: string | null;
  spool_pending: number;
  spool_dropped: number;
  revoked_at: string | null;
  offline_since: string | null;
}

export interface AgentNoncesTable {
  agent_id: string;
  nonce: string;
  expires_at: string;
}

export interface EventsTable {
  agent_id: string;
  event_id: string;
  time: string;
  received_at: string;
  kind: string;
  source: string;
  /** JSON object. */
  data: string;
}

export interface HostInventoryTable {
  agent_id: string;
  collected_at: string;
  received_at: string;
  /** The Inventory JSON, without processes. */
  data: string;
}

export interface AgentTasksTable {
  id: string;
  agent_id: string;
  kind: string;
  /** JSON object. */
  params: string;
  created_at: string;
  created_by: string | null;
  expires_at: string;
  timeout_seconds: number;
  /** queued, sent, succeeded, failed, timed_out or cancelled. */
  status: string;
  sent_at: string | null;
  finished_at: string | null;
  exit_code: number | null;
  output: string | null;
  /** The server's Ed25519 signature over the envelope, base64url. */
  signature: string;
}

/** An OCSF Detection Finding (class 2004); see docs/alerts.md. */
export interface AlertsTable {
  id: string;
  rule_id: string;
  rule_title: string;
  /** `detection` or `correlation`. */
  rule_type: string;
  /** The rule's Sigma level, `informational` … `critical`. */
  severity: string;
  /** OCSF severity_id, 1 (informational) … 5 (critical), so "at least high" is one comparison. */
  severity_id: number;
  /** JSON arrays of strings: ATT&CK ids and tactic names, and the rule's other tags. */
  attack: string;
  tags: string;
  src_ip: string | null;
  user_name: string | null;
  host: string | null;
  /** The entities as one string, so alerts about the same ones compare equal. */
  entity_key: string;
  /** Rule id and entity key while the alert takes repeats; NULL once it is closed or superseded. Unique. */
  dedup_key: string | null;
  agent_id: string | null;
  /** Log times of the first and last event behind the alert. */
  first_seen: string;
  last_seen: string;
  count: number;
  /** Evidence events ever attached; only the first and the latest are kept in alert_evidence. */
  evidence_seen: number;
  /** new, acknowledged, resolved or false_positive. */
  status: string;
  /** A username. */
  assignee: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertEvidenceTable {
  alert_id: string;
  /** 1 for the first evidence event ever attached to the alert, counting up. */
  seq: number;
  time: string;
  raw_data: string;
  /** The SecurityEvent as JSON, without raw_data. */
  event: string;
}

export interface AlertNotesTable {
  id: string;
  alert_id: string;
  /** A username. */
  author: string;
  text: string;
  created_at: string;
}

/** Drops findings that match every field set here (NULL matches anything) until it expires. */
export interface AlertSuppressionsTable {
  id: string;
  rule_id: string | null;
  src_ip: string | null;
  user_name: string | null;
  host: string | null;
  reason: string;
  created_by: string | null;
  created_at: string;
  /** NULL: never expires. */
  expires_at: string | null;
  suppressed_count: number;
  last_suppressed_at: string | null;
}

/** An address blocked on hosts, by a response policy or by hand; see docs/response.md. */
export interface BlocksTable {
  id: string;
  /** An address or CIDR range in canonical form. */
  address: string;
  reason: string;
  alert_id: string | null;
  rule_id: string | null;
  /** JSON BlockScope: `"all"`, `{"group":…}` or `{"agents":[…]}`. */
  scope: string;
  /** A username, `cli:<user>` or `policy:<name>`. */
  created_by: string;
  created_at: string;
  /** NULL: until lifted. */
  expires_at: string | null;
  /** The escalation ladder's rung, 1 for a first offence; 0 for a block made by hand. */
  level: number;
  lifted_at: string | null;
  /** A username, `cli:<user>` or `expiry`. */
  lifted_by: string | null;
  lift_reason: string | null;
}

/** How often a policy has blocked an address, so repeat offenders get longer blocks across restarts. */
export interface OffendersTable {
  address: string;
  level: number;
  last_blocked_at: string;
}

/** When each agent last asked for tasks, so one that was away gets its whole block list again. */
export interface FirewallAgentsTable {
  agent_id: string;
  last_poll_at: string;
}

/** A firewall policy; see docs/firewall-policy.md. A host group is in at most one policy's `groups`. */
export interface FirewallPoliciesTable {
  name: string;
  /** The YAML as uploaded. */
  source: string;
  /** JSON FirewallPolicy: `source` parsed, defaults filled in. */
  policy: string;
  created_at: string;
  /** A username or `cli:<user>`. */
  created_by: string;
  updated_at: string;
  updated_by: string;
  /** When the scheduler last queued plans of it for its hosts; NULL: never. */
  drift_checked_at: string | null;
}

/** Which policy a host group has; one at most. */
export interface FirewallPolicyGroupsTable {
  group_name: string;
  policy_name: string;
}

/** The policy a `firewall.policy.plan` or `.apply` task is for. */
export interface FirewallPolicyTasksTable {
  task_id: string;
  policy_name: string;
  agent_id: string;
  /** `plan` or `apply`. */
  kind: string;
  /** policyRevision of what the task carries; `none` when it removes the policy. */
  revision: string;
  created_at: string;
}

/** A host audit policy (Wazuh SCA format) in its current version; docs/audit-server.md. */
export interface ScaPoliciesTable {
  /** The policy's own `policy.id`. */
  id: string;
  name: string;
  description: string;
  /** `4.x` or `5.x`. */
  format: string;
  check_count: number;
  /** 1 when a rule runs a command (`c:`): such a policy reaches agents only once an admin approved it. */
  has_commands: number;
  sha256: string;
  /** The YAML as uploaded. */
  source: string;
  /** `builtin` (policies/sca, registered at start) or `uploaded`. */
  origin: string;
  /** A username or `cli:<user>`; NULL for built-in policies. */
  uploaded_by: string | null;
  /** NULL: not approved, never sent to agents. `system` for built-in policies. */
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Every version of a policy that was stored, so a run is shown against the text it ran. */
export interface ScaPolicyVersionsTable {
  sha256: string;
  policy_id: string;
  /** JSON ScaPolicy. */
  policy: string;
  created_at: string;
}

/** Which host groups a policy is assigned to. */
export interface ScaPolicyGroupsTable {
  policy_id: string;
  group_name: string;
}

/** When a host was last sent a policy to run, and the task; the scheduler claims a row to queue the next. */
export interface ScaScheduleTable {
  agent_id: string;
  policy_id: string;
  queued_at: string;
  task_id: string | null;
}

/** One run of a policy on a host, as its agent reported it. */
export interface ScaRunsTable {
  id: string;
  agent_id: string;
  policy_id: string;
  /** The policy version that ran. */
  sha256: string;
  /** The `sca.run` task it answered; unique, so a repeated post is stored once. */
  task_id: string;
  /** The agent's clock. */
  started_at: string;
  received_at: string;
  duration_ms: number;
  /** 0 when the host did not meet the policy's requirements. */
  applicable: number;
  passed: number;
  failed: number;
  not_applicable: number;
  /** JSON: framework key → { passed, failed }, from the checks' compliance mappings. */
  frameworks: string;
  /** JSON ScaRuleOutcome[] of the policy's requirements. */
  requirements: string;
}

export interface ScaResultsTable {
  run_id: string;
  check_id: number;
  name: string;
  /** passed, failed or not_applicable. */
  result: string;
  severity: string;
  condition: string;
  reason: string | null;
  /** JSON ScaRuleOutcome[]: the evidence. */
  rules: string;
}

/** A check excluded from scores for all hosts, a group or some hosts, until it expires. */
export interface ScaWaiversTable {
  id: string;
  policy_id: string;
  check_id: number;
  /** JSON WaiverScope: `"all"`, `{"group":…}` or `{"agents":[…]}`. */
  scope: string;
  justification: string;
  /** Who answers for the exception (a person or team), as entered. */
  owner: string;
  /** A username or `cli:<user>`. */
  created_by: string;
  created_at: string;
  /** NULL: never. */
  expires_at: string | null;
}

/** Since issue 7, tables live in their own files, one per module that owns them. */
export interface DB extends VulnTables, PatchTables, NetscanTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
  enrollment_tokens: EnrollmentTokensTable;
  agents: AgentsTable;
  agent_nonces: AgentNoncesTable;
  events: EventsTable;
  host_inventory: HostInventoryTable;
  agent_tasks: AgentTasksTable;
  alerts: AlertsTable;
  alert_evidence: AlertEvidenceTable;
  alert_notes: AlertNotesTable;
  alert_suppressions: AlertSuppressionsTable;
  blocks: BlocksTable;
  offenders: OffendersTable;
  firewall_agents: FirewallAgentsTable;
  firewall_policies: FirewallPoliciesTable;
  firewall_policy_groups: FirewallPolicyGroupsTable;
  firewall_policy_tasks: FirewallPolicyTasksTable;
  sca_policies: ScaPoliciesTable;
  sca_policy_versions: ScaPolicyVersionsTable;
  sca_policy_groups: ScaPolicyGroupsTable;
  sca_schedule: ScaScheduleTable;
  sca_runs: ScaRunsTable;
  sca_results: ScaResultsTable;
  sca_waivers: ScaWaiversTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type EnrollmentTokenRow = Selectable<EnrollmentTokensTable>;
export type AgentRow = Selectable<AgentsTable>;
export type AgentTaskRow = Selectable<AgentTasksTable>;
export type AlertRow = Selectable<AlertsTable>;
export type AlertSuppressionRow = Selectable<AlertSuppressionsTable>;
export type BlockRow = Selectable<BlocksTable>;
export type FirewallPolicyRow = Selectable<FirewallPoliciesTable>;
export type FirewallPolicyTaskRow = Selectable<FirewallPolicyTasksTable>;
export type ScaPolicyRow = Selectable<ScaPoliciesTable>;
export type ScaRunRow = Selectable<ScaRunsTable>;
export type ScaResultRow = Selectable<ScaResultsTable>;
export type ScaWaiverRow = Selectable<ScaWaiversTable>;
