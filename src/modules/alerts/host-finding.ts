import type { Finding, Severity } from '../../protocol/finding.ts';
import { ocsfClasses, type SecurityEvent } from '../../protocol/security-event.ts';

/** A finding Vigil makes about a host from its own checks (firewall drift, an audit regression), not from log lines. */
export interface HostFindingInput {
  ruleId: string;
  title: string;
  severity: Severity;
  /** ATT&CK technique ids (and tactic names) the finding maps to. */
  attack: string[];
  tags: string[];
  hostname: string;
  /** When it was seen, epoch ms. */
  at: number;
  /** One sentence for people. */
  message: string;
  /** What was found, verbatim (a diff, the failing rules' evidence). */
  evidence: string;
  /** The task kind that produced it (`firewall.policy.plan`, `sca.run`). */
  source: string;
  /** `firewall.drift`, `audit.regression`, … */
  code: string;
  /** Sigma-style logsource service, so suppressions and response policies can name it. */
  service: string;
  unmapped: NonNullable<SecurityEvent['unmapped']>;
}

/** The finding, with one OCSF base event as its evidence, the shape the alert sink stores. */
export function hostFinding(input: HostFindingInput): Finding {
  const { base } = ocsfClasses;
  return {
    rule: {
      id: input.ruleId,
      title: input.title,
      severity: input.severity,
      attack: input.attack,
      tags: input.tags,
      type: 'detection',
    },
    entities: { host: input.hostname },
    firstSeen: input.at,
    lastSeen: input.at,
    count: 1,
    evidence: [
      {
        class_uid: base.uid,
        class_name: base.name,
        category_uid: base.category,
        activity_id: 0,
        type_uid: base.uid * 100,
        time: input.at,
        message: input.message,
        raw_data: input.evidence,
        metadata: { product: { name: 'vigil' }, log_name: input.source, event_code: input.code },
        logsource: { product: 'vigil', service: input.service },
        device: { hostname: input.hostname },
        unmapped: input.unmapped,
      },
    ],
  };
}
