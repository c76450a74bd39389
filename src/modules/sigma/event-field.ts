import type { SecurityEvent } from '../../protocol/security-event.ts';
import { sigmaFieldMap } from '../../protocol/sigma-field-map.ts';

/** A Sigma field name resolved once to a reader of SecurityEvents (see sigma-field-map.ts). */
export interface EventField {
  readonly name: string;
  /** Index into a MatchContext's per-event caches: each field is read once per event. */
  readonly slot: number;
  read(event: SecurityEvent): unknown;
}

/*
 * Interned for the whole process so that every rule reading `CommandLine` shares one slot, and
 * the value is read and lowercased once per event however many rules test it. Mapped names are
 * interned by the event path they read, so `c-useragent` and `cs-user-agent` (both
 * `http_request.user_agent`) are one field; `name` is then the first name seen. The table grows
 * only with the field names rules use.
 */
const interned = new Map<string, EventField>();

export function eventField(name: string): EventField {
  const mapped = sigmaFieldMap[name];
  const key = mapped !== undefined ? `path:${mapped}` : `name:${name}`;
  let field = interned.get(key);
  if (field === undefined) {
    field = { name, slot: interned.size, read: fieldReader(name) };
    interned.set(key, field);
  }
  return field;
}

function fieldReader(name: string): (event: SecurityEvent) => unknown {
  const mapped = sigmaFieldMap[name];
  if (mapped !== undefined) {
    const path = mapped.split('.');
    return (event) => readPath(event, path);
  }
  const path = name.split('.');
  return (event) => {
    const value = readPath(event, path);
    if (value !== undefined) return value;
    const unmapped = event.unmapped;
    return unmapped !== undefined && Object.hasOwn(unmapped, name) ? unmapped[name] : undefined;
  };
}

// Own properties only: a rule naming `constructor` or `__proto__` must not reach Object's.
function readPath(event: SecurityEvent, path: readonly string[]): unknown {
  let value: unknown = event;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
