import { displayPath } from '../fim/path-key.ts';
import { ocsfClasses, type SecurityEvent } from '../../protocol/security-event.ts';

// OCSF File System Activity activity ids.
const activities = { 'fim.added': 1, 'fim.modified': 3, 'fim.removed': 4 } as const;

type FimKind = keyof typeof activities;
const isFimKind = (kind: unknown): kind is FimKind => typeof kind === 'string' && kind in activities;

/**
 * A FIM change the agent reported, as a File System Activity event rules can read
 * (`TargetFilename` is `file.path`). The change arrives as agent JSON, so every field is checked.
 */
export function fimSecurityEvent(
  data: Record<string, unknown>,
  context: { time: number; host?: string | undefined },
): SecurityEvent | undefined {
  if (!isFimKind(data.kind) || typeof data.path !== 'string') return undefined;
  const path = displayPath(data.path);
  const activity = activities[data.kind];
  const changed = Array.isArray(data.changed) ? data.changed.filter((f) => typeof f === 'string') : [];
  const hash = (state: unknown) =>
    typeof state === 'object' && state !== null && 'sha256' in state && typeof state.sha256 === 'string'
      ? state.sha256
      : '';
  return {
    class_uid: ocsfClasses.fileActivity.uid,
    class_name: ocsfClasses.fileActivity.name,
    category_uid: ocsfClasses.fileActivity.category,
    activity_id: activity,
    type_uid: ocsfClasses.fileActivity.uid * 100 + activity,
    time: context.time,
    message: `${data.kind} ${path}${changed.length > 0 ? ` (${changed.join(', ')})` : ''}`,
    raw_data: JSON.stringify(data),
    metadata: { product: { name: 'vigil-fim' }, log_name: 'fim', event_code: data.kind },
    logsource: { product: 'linux', category: 'file_change' },
    ...(context.host ? { device: { hostname: context.host } } : {}),
    file: { path, name: path.slice(path.lastIndexOf('/') + 1) },
    unmapped: { changed, sha256_before: hash(data.before), sha256_after: hash(data.after) },
  };
}
