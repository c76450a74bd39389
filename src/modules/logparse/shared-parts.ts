import type { SecurityEvent } from '../../protocol/security-event.ts';
import { detached } from './detached.ts';
import { programMemo } from './program-memo.ts';

interface ProgramParts {
  product: SecurityEvent['metadata']['product'];
  logsource: SecurityEvent['logsource'];
}

const syslog = partsOf('syslog');
const partsByProgram = programMemo(partsOf);
let lastParts = syslog;
let lastDevice: { hostname: string } | undefined;

/**
 * metadata.product and logsource of the events of a program: the same for each of its lines,
 * so its events share one frozen pair instead of allocating their own.
 */
export function programParts(program: string | undefined): ProgramParts {
  if (program === undefined) return syslog;
  if (lastParts.product.name === program) return lastParts;
  lastParts = partsByProgram(program);
  return lastParts;
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
