import { detached } from './detached.ts';

/** Program names kept per table; past it the table starts over. */
const maxPrograms = 1024;
/** Longer names (journald's SYSLOG_IDENTIFIER has no limit) are worked out each time, not kept. */
export const maxCachedName = 64;

/**
 * `make`, remembered per program name. Names come from log lines, so the table is bounded and
 * keeps detached copies of its keys (a substring would keep its chunk of the file alive).
 */
export function programMemo<T>(make: (program: string) => T): (program: string) => T {
  const known = new Map<string, T>();
  return (program) => {
    let value = known.get(program);
    if (value === undefined) {
      if (program.length > maxCachedName) return make(program);
      if (known.size >= maxPrograms) known.clear();
      const name = detached(program);
      value = make(name);
      known.set(name, value);
    }
    return value;
  };
}
