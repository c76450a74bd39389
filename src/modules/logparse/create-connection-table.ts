/** What an entry of a ConnectionTable carries: its key and its place in the table's order. */
export interface TableEntry<E> {
  readonly host: string;
  readonly pid: number;
  older: E | undefined;
  newer: E | undefined;
}

export interface ConnectionTable<E extends TableEntry<E>> {
  get(host: string, pid: number): E | undefined;
  /** Makes the entry the most recently seen. */
  touch(entry: E): void;
  /** A new most recently seen entry, replacing none: the caller removes first, and makes room. */
  add(entry: E): void;
  remove(entry: E): void;
  readonly size: number;
  readonly oldest: E | undefined;
  /** Entries, least recently seen first. */
  entries(): Generator<E>;
  clear(): void;
}

/**
 * Entries by host and pid, in the order they were last seen. The order is a list through the
 * entries, so seeing one again moves a few pointers, and pids are number keys under their host:
 * no key string is built or hashed per line. The host of a line is nearly always the one of the
 * line before, so that lookup is usually a string comparison.
 */
export function createConnectionTable<E extends TableEntry<E>>(): ConnectionTable<E> {
  const hosts = new Map<string, Map<number, E>>();
  let lastHost: string | undefined;
  let lastPids: Map<number, E> | undefined;
  let oldest: E | undefined;
  let newest: E | undefined;
  let size = 0;

  const pidsOf = (host: string): Map<number, E> | undefined => {
    if (host !== lastHost) {
      lastHost = host;
      lastPids = hosts.get(host);
    }
    return lastPids;
  };
  const unlink = (entry: E): void => {
    if (entry.older) entry.older.newer = entry.newer;
    else oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else newest = entry.older;
  };
  const append = (entry: E): void => {
    entry.older = newest;
    entry.newer = undefined;
    if (newest) newest.newer = entry;
    else oldest = entry;
    newest = entry;
  };

  return {
    get: (host, pid) => pidsOf(host)?.get(pid),
    touch(entry) {
      if (entry === newest) return;
      unlink(entry);
      append(entry);
    },
    add(entry) {
      let pids = pidsOf(entry.host);
      if (pids === undefined) {
        pids = new Map();
        hosts.set(entry.host, pids);
        lastPids = pids;
      }
      pids.set(entry.pid, entry);
      append(entry);
      size++;
    },
    remove(entry) {
      const pids = pidsOf(entry.host);
      if (pids?.get(entry.pid) !== entry) return;
      pids.delete(entry.pid);
      // A host goes with its last connection, so the table is bounded by its entries.
      if (pids.size === 0) {
        hosts.delete(entry.host);
        lastPids = undefined;
      }
      unlink(entry);
      size--;
    },
    get size() {
      return size;
    },
    get oldest() {
      return oldest;
    },
    *entries() {
      for (let entry = oldest; entry; entry = entry.newer) yield entry;
    },
    clear() {
      hosts.clear();
      lastHost = undefined;
      lastPids = undefined;
      oldest = undefined;
      newest = undefined;
      size = 0;
    },
  };
}
