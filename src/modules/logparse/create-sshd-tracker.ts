import type { EventEndpoint, SecurityEvent } from '../../protocol/security-event.ts';
import { createConnectionTable, type TableEntry } from './create-connection-table.ts';
import { detached } from './detached.ts';
import { authFailureCodes, isSshd, negotiationFailureCodes, probeCodes } from './failure-codes.ts';

interface Connection extends TableEntry<Connection> {
  /** Log time of its latest line. */
  seen: number;
  source?: EventEndpoint;
  /** The account name tried first on this connection. */
  user?: string;
  /** All account names tried, made on the second: most connections only ever try one. */
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
  const connections = createConnectionTable<Connection>();
  /** Held failures of connections that ended without naming their source, to hand out next. */
  const evicted: SecurityEvent[] = [];

  function connectionOf(host: string, pid: number, event: SecurityEvent): Connection {
    let connection = connections.get(host, pid);
    const fresh = event.metadata.event_code === 'sshd.connection';
    if (connection && (fresh || Math.abs(event.time - connection.seen) > idleMs)) {
      if (connection.pending) evicted.push(...connection.pending);
      connections.remove(connection);
      connection = undefined;
    }
    if (connection === undefined) {
      connection = { host, pid, older: undefined, newer: undefined, seen: event.time };
      if (connections.size >= maxConnections) evictOldest();
      connections.add(connection);
    } else {
      connections.touch(connection);
    }
    connection.seen = event.time;
    return connection;
  }

  function evictOldest(): void {
    const connection = connections.oldest;
    if (connection === undefined) return;
    connections.remove(connection);
    if (connection.pending) evicted.push(...connection.pending);
  }

  const pushInto = (event: SecurityEvent, out: SecurityEvent[]): void => {
    const pid = event.actor?.process?.pid;
    if (pid === undefined || !isSshd(event.metadata.product.name)) {
      out.push(event);
      return;
    }
    const connection = connectionOf(event.device?.hostname ?? '', pid, event);
    if (evicted.length > 0) {
      for (const held of evicted) out.push(held);
      evicted.length = 0;
    }
    const code = event.metadata.event_code ?? '';

    const own = event.src_endpoint;
    if (own?.ip !== undefined || own?.hostname !== undefined) {
      connection.source ??= kept(own);
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
      const users = switchedTo(connection, user);
      if (users) out.push(userSwitch(event, users));
    }
    if (code === 'sshd.accepted') {
      connection.user = undefined;
      connection.users = undefined;
    }
    if (closingCodes.has(code)) {
      if (connection.pending) out.push(...connection.pending);
      connections.remove(connection);
    } else if (
      connection.source === undefined &&
      !connection.pending?.length &&
      connection.user === undefined
    ) {
      // Nothing to lend a later line: not kept, so it never pushes a connection that has out of the table.
      connections.remove(connection);
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
      for (const connection of connections.entries()) if (connection.pending) out.push(...connection.pending);
      connections.clear();
      return out;
    },
  };
}

/** A copy of a source to keep: its strings are cut from a chunk of the file, which they would keep alive. */
function kept(source: EventEndpoint): EventEndpoint {
  const copy = { ...source };
  if (copy.ip !== undefined) copy.ip = detached(copy.ip);
  if (copy.hostname !== undefined) copy.hostname = detached(copy.hostname);
  return copy;
}

function counts(code: string): boolean {
  return authFailureCodes.has(code) || probeCodes.has(code) || negotiationFailureCodes.has(code);
}

function release(pending: SecurityEvent[], source: EventEndpoint): SecurityEvent[] {
  const held = pending.splice(0);
  for (const event of held) event.src_endpoint = { ...source };
  return held;
}

/** Notes an account name tried on the connection; all names so far when it is a second one. */
function switchedTo(connection: Connection, user: string): ReadonlySet<string> | undefined {
  const { users } = connection;
  if (users) {
    if (users.has(user)) return undefined;
    return users.add(user);
  }
  if (connection.user === undefined) connection.user = user;
  else if (connection.user !== user) return (connection.users = new Set([connection.user, user]));
  return undefined;
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
