import type { SecurityEvent } from '../../protocol/security-event.ts';
import type { LineContext } from './new-event.ts';
import { parsePam } from './parse-pam.ts';
import { parseSshd } from './parse-sshd.ts';

export type LineParser = (context: LineContext) => SecurityEvent | undefined;

/** Parsers chosen by the program name of the syslog tag or journald's SYSLOG_IDENTIFIER. */
export const programParsers: ReadonlyMap<string, LineParser> = new Map<string, LineParser>([
  ['sshd', parseSshd],
  ['sshd-session', parseSshd],
  ['sshd-auth', parseSshd],
]);

/** Tried in order on lines whose program has no parser (or no program): each checks its own shape first. */
export const sniffParsers: readonly LineParser[] = [parsePam];
