import type { AgentEvent } from '../../protocol/agents.ts';
import { parseSyslog } from './parse-syslog.ts';
import type { ReceivedSyslog } from './received-syslog.ts';

/** The event stored for a received message: the raw line with its parsed fields, timed by the sender when it said when. */
export function syslogEvent(received: ReceivedSyslog): AgentEvent {
  const parsed = parseSyslog(received.line, { reference: received.receivedAt });
  return {
    id: received.id,
    time: parsed.time ?? received.receivedAt.toISOString(),
    kind: 'log',
    source: 'syslog',
    data: { line: received.line, sender: received.sender, transport: received.transport, ...parsed },
  };
}

/** Messages are stored under a pseudo-agent per sending device. */
export function syslogAgentId(sender: string): string {
  return `syslog:${sender}`;
}
