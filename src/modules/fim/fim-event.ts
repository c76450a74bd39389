import { createHash } from 'node:crypto';
import type { AgentEvent } from '../../protocol/agents.ts';
import type { FileState } from './file-state.ts';
import type { FimChange } from './fim-change.ts';
import { displayPath } from './path-key.ts';

/**
 * One spool event per change. The id hashes the path and both states (ctime included), so a
 * change found again after a crash, before the baseline was saved, gets the same id and is stored
 * once, while two different changes never share one.
 */
export function fimEvent(change: FimChange, time: string): AgentEvent {
  const digest = createHash('sha256')
    .update(JSON.stringify([change.kind, change.path, fingerprint(change.before), fingerprint(change.after)]))
    .digest('hex');
  return {
    id: `fim-${digest.slice(0, 40)}`,
    time,
    kind: 'fim',
    source: displayPath(change.path).slice(0, 1024),
    // JSON-encoded on the way out: hostile names (newlines, control characters) stay data.
    data: { ...change },
  };
}

/** Fixed field order: states read back from the baseline file may list their keys differently. */
function fingerprint(state: FileState | undefined): unknown[] | null {
  if (!state) return null;
  const { type, size, mode, uid, gid, mtimeMs, ctimeMs, inode, sha256, linkTarget } = state;
  return [type, size, mode, uid, gid, mtimeMs, ctimeMs, inode, sha256 ?? null, linkTarget ?? null];
}
