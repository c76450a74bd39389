import type { EventEndpoint, SecurityEvent } from '../../protocol/security-event.ts';
import { authFailureCodes, isSshd, negotiationFailureCodes, probeCodes } from './failure-codes.ts';

interface Connection {
  /** Log time of its latest line. */
  seen: number;
  source?: EventEndpoint;
  /** Account names tried on this connection (made on the first). */
  users?: Set<string>;
  /** Failures logged before the connection's source was (see "Disconnecting: Too many…"); made on the first. */
  pending?: SecurityEvent[];
}

export interface SshdTracker {
  /** The event, enriched, plus any events it completes; non-sshd events pass through. */
  push(event: SecurityEvent): SecurityEvent[];
  /** push, appending to `out`. */
  pushInto(event: SecurityEvent, out: SecurityEvent[]): void;
  /** Held failures whose source never appeared, as they are. */
  flush(): SecurityEvent[];
}

const closingCodes = new Set([
  'sshd.connection_closed',
  'sshd.preauth_close',
  'sshd.received_disconnect',
  'sshd.max_auth_disconnect',
  'sshd.user_change_refused',
]);
const maxPending = 16;
// Pids come back: a connection silent this long (log time) is over even if its end was not
// logged, so its source is never lent to a later connection with the same pid. sshd's
// LoginGraceTime (120 s by default) bounds the unauthenticated phase where sources matter.
const idleMs = 10 * 60_000;

/**
 * sshd writes one connection over several lines with the same pid, and only some name the
 * client. This follows connections by host and pid so that every line of one gets its source
 * (a "Disconnecting: Too many authentication failures" line has none), and adds
 * `sshd.user_switch` when one connection tries a second account name — OpenSSH's client never
 * does, guessing tools do, and a success after it would otherwise hide the failures before it.
 * A failure without a known source is held until a later line of its connection names one, or
 * the connection ends (a close line, a new "Connection from" with the same pid, ten minutes of
 * silence), or flush(). Memory is bounded: the least recently seen connections go first.
 */
export function createSshdTracker(maxConnections = 20_000): SshdTracker {
  const connections = new Map<string, Connection>();
  /** Held failures of connections that ended without naming their source, to hand out next. */
  const evicted: SecurityEvent[] = [];
  /** The key set last, which is therefore last in Map order already. */
  let newest: string | undefined;

  function connectionOf(key: string, event: SecurityEvent): Connection {
    let connection = connections.get(key);
    const fresh = event.metadata.event_code === 'sshd.connection';
    if (connection && (fresh || Math.abs(event.time - connection.seen) > idleMs)) {
      if (connection.pending) evicted.push(...connection.pending);
      connection = undefined;
    }
    if (connection === undefined) {
      connections.delete(key);
      connection = { seen: event.time };
      if (connections.size >= maxConnections) evictOldest();
      connections.set(key, connection);
    } else if (key !== newest) {
      // Re-inserted, so that Map order is least recently used first.
      connections.delete(key);
      connections.set(key, connection);
    }
    newest = key;
    connection.seen = event.time;
    return connection;
  }

  // One live iterator over the keys, never restarted: every key it has passed was evicted, and a
  // key that is touched is deleted and set again (so it comes after the iterator), so the next key
  // it yields is the least recently used. A fresh `connections.keys()` per eviction would walk
  // over every deleted slot at the front of the table each time, which is quadratic on a busy host.
  let byAge = connections.keys();
  function evictOldest(): void {
    let next = byAge.next();
    if (next.done) {
      byAge = connections.keys();
      next = byAge.next();
    }
    if (next.done) return;
    const connection = connections.get(next.value);
    connections.delete(next.value);
    if (connection?.pending) evicted.push(...connection.pending);
  }

  const pushInto = (event: SecurityEvent, out: SecurityEvent[]): void => {
    const pid = event.actor?.process?.pid;
    if (pid === undefined || !isSshd(event.metadata.product.name)) {
      out.push(event);
      return;
    }
    const key = `${event.device?.hostname ?? ''}\u0000${pid}`;
    const connection = connectionOf(key, event);
    if (evicted.length > 0) {
      for (const held of evicted) out.push(held);
      evicted.length = 0;
    }
    const code = event.metadata.event_code ?? '';

    const own = event.src_endpoint;
    if (own?.ip !== undefined || own?.hostname !== undefined) {
      connection.source ??= { ...own };
    } else if (connection.source) {
      event.src_endpoint = { ...connection.source };
    }

    if (counts(code) && event.src_endpoint === undefined && (connection.pending?.length ?? 0) < maxPending) {
      (connection.pending ??= []).push(event);
    } else {
      out.push(event);
    }
    if (connection.source && connection.pending && connection.pending.length > 0)
      out.push(...release(connection.pending, connection.source));

    const user = event.user?.name;
    if (event.class_uid === 3002 && user !== undefined) {
      const users = (connection.users ??= new Set());
      if (!users.has(user)) {
        users.add(user);
        if (users.size > 1) out.push(userSwitch(event, users));
      }
    }
    if (code === 'sshd.accepted') connection.users?.clear();
    if (closingCodes.has(code)) {
      if (connection.pending) out.push(...connection.pending);
      connections.delete(key);
    } else if (connection.source === undefined && !connection.pending?.length && !connection.users?.size) {
      // Nothing to lend a later line: not kept, so it never pushes a connection that has out of the table.
      connections.delete(key);
    }
  };

  return {
    push(event) {
      const out: SecurityEvent[] = [];
      pushInto(event, out);
      return out;
    },
    pushInto,
    flush() {
      const out = evicted.splice(0);
      for (const connection of connections.values()) if (connection.pending) out.push(...connection.pending);
      connections.clear();
      byAge = connections.keys();
      return out;
    },
  };
}

function counts(code: string): boolean {
  return authFailureCodes.has(code) || probeCodes.has(code) || negotiationFailureCodes.has(code);
}

function release(pending: SecurityEvent[], source: EventEndpoint): SecurityEvent[] {
  const held = pending.splice(0);
  for (const event of held) event.src_endpoint = { ...source };
  return held;
}

function userSwitch(event: SecurityEvent, users: ReadonlySet<string>): SecurityEvent {
  return {
    ...event,
    class_uid: 3002,
    class_name: 'Authentication',
    category_uid: 3,
    activity_id: 1,
    type_uid: 300201,
    status: 'Failure',
    status_id: 2,
    status_detail: `accounts tried on one connection: ${[...users].join(', ')}`,
    metadata: { ...event.metadata, event_code: 'sshd.user_switch' },
  };
}
