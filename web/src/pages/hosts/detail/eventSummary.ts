import type { StoredEvent } from '../../../../../src/protocol/agents.ts';

export interface EventSummary {
  /** A short label shown as code before the text, e.g. `port.opened`. */
  tag?: string | undefined;
  text: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const length = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/** One line that says what an event is about; the data's shape depends on its kind. */
export function summarizeEvent(event: StoredEvent): EventSummary {
  const { data } = event;
  switch (event.kind) {
    case 'log':
      return { text: text(data.line) ?? '' };
    case 'inventory.change':
      return { tag: text(data.kind), text: text(data.key) ?? '' };
    case 'inventory':
      return {
        text: `Snapshot: ${length(data.packages)} packages, ${length(data.listeners)} listening sockets, ${length(data.users)} users, ${length(data.services)} services`,
      };
    default: {
      const json = JSON.stringify(data);
      return { text: json.length > 300 ? `${json.slice(0, 300)}…` : json };
    }
  }
}
