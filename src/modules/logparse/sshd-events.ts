import type { DraftFields, EventDraft, EventKind } from './new-event.ts';
import { endpointOf } from './normalize-ip.ts';

export interface SshdFacts {
  user?: string;
  host?: string;
  port?: number;
  protocol?: string;
  detail?: string;
  preauth?: boolean;
}

/** Authentication 3002, Logon: a login attempt and how it went. */
export function sshdAuth(code: string, status: 'Success' | 'Failure', facts: SshdFacts): EventDraft {
  return {
    kind: { class: 'authentication', activity: 1, code: `sshd.${code}`, status },
    fields: fields(facts),
  };
}

/** Network Activity 4001 (1 Open, 2 Close, 3 Reset, 4 Fail, 5 Refuse): the connection, not a login. */
export function sshdNetwork(code: string, activity: 1 | 2 | 3 | 4 | 5, facts: SshdFacts): EventDraft {
  const kind: EventKind = { class: 'networkActivity', activity, code: `sshd.${code}` };
  if (activity === 4 || activity === 5) kind.status = 'Failure';
  const out = fields(facts);
  out.connection_info = { protocol_name: 'tcp', direction: 'Inbound' };
  return { kind, fields: out };
}

/** Base Event with an event code: sshd's own troubles (configuration, channels, sockets). */
export function sshdOther(code: string, facts: SshdFacts = {}): EventDraft {
  return { kind: { class: 'base', activity: 0, code: `sshd.${code}` }, fields: fields(facts) };
}

function fields(facts: SshdFacts): DraftFields {
  const out: DraftFields = {};
  if (facts.host !== undefined && facts.host !== '') out.src_endpoint = endpointOf(facts.host, facts.port);
  if (facts.user !== undefined) out.user = { name: facts.user };
  if (facts.protocol !== undefined) out.auth_protocol = facts.protocol;
  if (facts.detail !== undefined) out.status_detail = facts.detail;
  if (facts.preauth) out.unmapped = { preauth: 'true' };
  return out;
}
