import type { AgentEvent } from '../../protocol/agents.ts';
import type { SecurityEvent } from '../../protocol/security-event.ts';
import type { LogParser } from '../logparse/create-log-parser.ts';
import { fimSecurityEvent } from './fim-security-event.ts';

/**
 * The security events in one stored agent event: a log line (file, journald or syslog) goes
 * through the origin's parser; a FIM change becomes a File System Activity. Agent data is
 * untrusted JSON, so fields are checked, not assumed.
 */
export function agentEventSecurityEvents(
  event: AgentEvent,
  parser: LogParser,
  host: string | undefined,
): SecurityEvent[] {
  const time = Date.parse(event.time);
  if (event.kind === 'fim') {
    const fim = fimSecurityEvent(event.data, { time, host });
    return fim ? [fim] : [];
  }
  if (event.kind !== 'log' || typeof event.data.line !== 'string') return [];
  const fields = event.data.fields;
  const journal =
    event.source === 'journald' && typeof fields === 'object' && fields !== null
      ? Object.fromEntries(
          Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        )
      : undefined;
  return parser.push(event.data.line, {
    name: event.source,
    referenceTime: time,
    ...(journal ? { journal } : {}),
  });
}
