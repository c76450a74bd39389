/*
 * Long polls of this process wait here for their agent's id, and queueing a task rings it, so a
 * task leaves at once instead of at the poll's next database read. One bell per process: agent
 * ids are unique across databases, so a ring meant for another database's agent (tests run
 * several servers in one process) only makes a poll read early. Tasks queued by another
 * process arrive at that next read.
 */

const waiters = new Map<string, Set<() => void>>();

/** Wakes every poll of this process waiting for the agent. */
export function ringTaskBell(agentId: string): void {
  for (const wake of waiters.get(agentId) ?? []) wake();
}

/** Resolves when a task is queued for the agent in this process, after `ms`, or when `signal` aborts. */
export function waitForTaskBell(agentId: string, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const set = waiters.get(agentId) ?? new Set();
    waiters.set(agentId, set);
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      if (set.size === 0) waiters.delete(agentId);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    set.add(done);
    signal.addEventListener('abort', done);
  });
}
