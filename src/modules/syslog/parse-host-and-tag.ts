import type { ParsedSyslog } from './parsed-syslog.ts';
import { readToken } from './read-token.ts';

export type HostAndTag = Pick<ParsedSyslog, 'hostname' | 'appName' | 'procId' | 'message'>;

/**
 * What follows the timestamp of an RFC 3164 or rsyslog line, from `at`: `[HOSTNAME ][TAG: ]MSG`
 * where TAG is `name` or `name[pid]`. The hostname is left out by some devices; a first word
 * that ends with a colon is therefore read as the tag, never as a host.
 */
export function parseHostAndTag(text: string, at: number): HostAndTag {
  const firstEnd = readToken(text, at, 255);
  if (firstEnd === undefined) return { message: text.slice(at) };
  const tag = parseTag(text.slice(at, firstEnd));
  if (tag) return { ...tag, message: text.slice(firstEnd + 1) };
  const hostname = text.slice(at, firstEnd);
  const secondEnd = readToken(text, firstEnd + 1, 200);
  if (secondEnd !== undefined) {
    const second = parseTag(text.slice(firstEnd + 1, secondEnd));
    if (second) return { hostname, ...second, message: text.slice(secondEnd + 1) };
  }
  return { hostname, message: text.slice(firstEnd + 1) };
}

/** `sshd[123]:` or `kernel:`: a name of 1–48 characters without brackets or colons, and a pid of up to 128. */
function parseTag(word: string): { appName: string; procId?: string } | undefined {
  if (!word.endsWith(':')) return undefined;
  const open = word.indexOf('[');
  const nameEnd = open === -1 ? word.length - 1 : open;
  const appName = word.slice(0, nameEnd);
  if (appName.length === 0 || appName.length > 48 || /[[\]:]/.test(appName)) return undefined;
  if (open === -1) return { appName };
  const procId = word.slice(open + 1, -2);
  if (!word.endsWith(']:') || procId.length === 0 || procId.length > 128 || /[[\]]/.test(procId))
    return undefined;
  return { appName, procId };
}
