import type { StoredEvent } from '../../../../../src/protocol/agents.ts';

export interface FimDetails {
  change: 'added' | 'removed' | 'modified' | 'unknown';
  path: string;
  /** `mode 0644 → 0600`-style notes for the metadata that changed. */
  notes: string[];
  before: string | undefined;
  after: string | undefined;
}

const fieldLabels: Record<string, string> = { mtimeMs: 'mtime', linkTarget: 'link target' };

type State = Record<string, unknown> | undefined;

const record = (value: unknown): State =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
const shown = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '—';

// Agents send whatever they like, so every field is checked rather than trusted.
export function fimDetails(event: StoredEvent): FimDetails {
  const { data } = event;
  const kind = typeof data.kind === 'string' ? data.kind.replace(/^fim\./, '') : '';
  const before = record(data.before);
  const after = record(data.after);
  const changed = Array.isArray(data.changed) ? data.changed.filter((f) => typeof f === 'string') : [];
  const notes = changed
    .filter((field) => field !== 'sha256')
    .map((field) =>
      field === 'uid' || field === 'gid' || field === 'mode' || field === 'size' || field === 'type'
        ? `${field} ${shown(before?.[field])} → ${shown(after?.[field])}`
        : (fieldLabels[field] ?? field),
    );
  if (changed.includes('sha256')) notes.unshift('content');
  return {
    change: kind === 'added' || kind === 'removed' || kind === 'modified' ? kind : 'unknown',
    path: event.source,
    notes,
    before: typeof before?.sha256 === 'string' ? before.sha256 : undefined,
    after: typeof after?.sha256 === 'string' ? after.sha256 : undefined,
  };
}
