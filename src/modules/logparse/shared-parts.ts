import type { SecurityEvent } from '../../protocol/security-event.ts';
import { detached } from './detached.ts';

interface ProgramParts {
  product: SecurityEvent['metadata']['product'];
  logsource: SecurityEvent['logsource'];
}

const syslog = partsOf('syslog');
/** Program names seen; they come from log lines, so the table starts over when full. */
const byProgram = new Map<string, ProgramParts>();
const maxPrograms = 1024;
export const maxCachedName = 64;
let lastParts = syslog;
let lastDevice: { hostname: string } | undefined;

/**
 * metadata.product and logsource of the events of a program: the same for each of its lines,
 * so its events share one frozen pair instead of allocating their own.
 */
export function programParts(program: string | undefined): ProgramParts {
  if (program === undefined) return syslog;
  if (lastParts.product.name === program) return lastParts;
  // Names come from log lines (journald's SYSLOG_IDENTIFIER has no limit): only short ones are kept.
  if (program.length > maxCachedName) return partsOf(program);
  let parts = byProgram.get(program);
  if (parts === undefined) {
    if (byProgram.size >= maxPrograms) byProgram.clear();
    const name = detached(program);
    parts = partsOf(name);
    byProgram.set(name, parts);
  }
  lastParts = parts;
  return parts;
}

/** The device of a host's events, shared (frozen) by consecutive lines of one host. */
export function deviceOf(hostname: string): { hostname: string } {
  if (lastDevice?.hostname !== hostname) lastDevice = Object.freeze({ hostname: detached(hostname) });
  return lastDevice;
}

function partsOf(name: string): ProgramParts {
  return {
    product: Object.freeze({ name }),
    logsource: Object.freeze({ product: 'linux', service: name }),
  };
}
