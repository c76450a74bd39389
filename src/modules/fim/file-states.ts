import type { FileState } from './file-state.ts';

/**
 * Path key → FileState, each state kept as one string: its fields as a JSON array in
 * `stateFields` order. A baseline holds every watched path for the agent's lifetime; as objects
 * an entry cost about 640 bytes with its key, packed about 320 (docs/benchmarks.md). Unchanged
 * entries are found by comparing the strings, so a scan unpacks only what changed.
 */
export class FileStates {
  readonly #packed = new Map<string, string>();

  static from(entries: Iterable<readonly [string, FileState]>): FileStates {
    const states = new FileStates();
    for (const [key, state] of entries) states.set(key, state);
    return states;
  }

  get size(): number {
    return this.#packed.size;
  }

  has(key: string): boolean {
    return this.#packed.has(key);
  }

  get(key: string): FileState | undefined {
    const packed = this.#packed.get(key);
    return packed === undefined ? undefined : unpackState(packed);
  }

  set(key: string, state: FileState): this {
    this.#packed.set(key, packState(state));
    return this;
  }

  delete(key: string): boolean {
    return this.#packed.delete(key);
  }

  keys(): IterableIterator<string> {
    return this.#packed.keys();
  }

  *values(): Generator<FileState> {
    for (const packed of this.#packed.values()) yield unpackState(packed);
  }

  *[Symbol.iterator](): Generator<[string, FileState]> {
    for (const [key, packed] of this.#packed) yield [key, unpackState(packed)];
  }

  /** Recorded identically here and in `other`, every field (ctime too) equal: nothing to compare. */
  sameAs(other: FileStates, key: string): boolean {
    const packed = this.#packed.get(key);
    return packed !== undefined && packed === other.#packed.get(key);
  }

  /** The entries whose key passes `keep`, without unpacking them. */
  subset(keep: (key: string) => boolean): FileStates {
    const subset = new FileStates();
    for (const [key, packed] of this.#packed) if (keep(key)) subset.#packed.set(key, packed);
    return subset;
  }

  *directories(): Generator<string> {
    for (const [key, packed] of this.#packed) if (packed.startsWith('["dir"')) yield key;
  }

  /** One JSON array per entry, the key and then the state's fields, each ending in a newline. */
  *lines(): Generator<string> {
    for (const [key, packed] of this.#packed) yield `[${JSON.stringify(key)},${packed.slice(1)}\n`;
  }

  /** Adds the entry of a line written by lines(); throws on anything else. */
  addLine(line: string): void {
    const fields: unknown = JSON.parse(line);
    if (!Array.isArray(fields) || typeof fields[0] !== 'string') throw new Error('not a FIM baseline entry');
    this.set(fields[0], stateFromFields(fields.slice(1)));
  }
}

/** A packed state's fields, in order; version 1 baseline files name them as object keys. */
export const stateFields = [
  'type',
  'size',
  'mode',
  'uid',
  'gid',
  'mtimeMs',
  'ctimeMs',
  'inode',
  'sha256',
  'linkTarget',
] as const;

/** Absent fields as null, in a fixed order: equal states always pack to equal strings. */
function packState(state: FileState): string {
  return JSON.stringify(stateFields.map((field) => state[field] ?? null));
}

function unpackState(packed: string): FileState {
  return stateFromFields(JSON.parse(packed));
}

/** The state a packed array describes; throws when it is not one, as a damaged baseline must. */
export function stateFromFields(fields: unknown): FileState {
  if (!Array.isArray(fields) || fields.length !== stateFields.length) throw new Error('not a FIM file state');
  const [type, size, mode, uid, gid, mtimeMs, ctimeMs, inode, sha256, linkTarget] = fields as unknown[];
  if (
    !isType(type) ||
    typeof size !== 'number' ||
    typeof mode !== 'string' ||
    typeof uid !== 'number' ||
    typeof gid !== 'number' ||
    typeof mtimeMs !== 'number' ||
    typeof ctimeMs !== 'number' ||
    typeof inode !== 'string' ||
    !(sha256 === null || typeof sha256 === 'string') ||
    !(linkTarget === null || typeof linkTarget === 'string')
  ) {
    throw new Error('not a FIM file state');
  }
  return {
    type,
    size,
    mode,
    uid,
    gid,
    mtimeMs,
    ctimeMs,
    inode,
    ...(sha256 === null ? {} : { sha256 }),
    ...(linkTarget === null ? {} : { linkTarget }),
  };
}

function isType(value: unknown): value is FileState['type'] {
  return value === 'file' || value === 'dir' || value === 'symlink' || value === 'other';
}
