import { readToken } from './read-token.ts';

/**
 * Where the hostname, the tag's name (APP-NAME), its pid and the message lie in a line, as
 * [start, end) offsets; a start of -1 for a field the line lacks. Offsets rather than strings,
 * so a reader slices only the fields it keeps.
 */
export interface HostAndTag {
  hostStart: number;
  hostEnd: number;
  appStart: number;
  appEnd: number;
  pidStart: number;
  pidEnd: number;
  messageStart: number;
}

/**
 * What follows the timestamp of an RFC 3164 or rsyslog line, from `at`: `[HOSTNAME ][TAG: ]MSG`
 * where TAG is `name` or `name[pid]`. The hostname is left out by some devices; a first word
 * that ends with a colon is therefore read as the tag, never as a host.
 */
export function readHostAndTag(text: string, at: number, into: HostAndTag): void {
  into.hostStart = into.appStart = into.pidStart = -1;
  const firstEnd = readToken(text, at, 255);
  if (firstEnd === undefined) {
    into.messageStart = at;
    return;
  }
  if (readTag(text, at, firstEnd, into)) {
    into.messageStart = firstEnd + 1;
    return;
  }
  into.hostStart = at;
  into.hostEnd = firstEnd;
  const secondEnd = readToken(text, firstEnd + 1, 200);
  const tagged = secondEnd !== undefined && readTag(text, firstEnd + 1, secondEnd, into);
  into.messageStart = (tagged ? secondEnd : firstEnd) + 1;
}

/**
 * `sshd[123]:` or `kernel:` from `start` to `end`: a name of 1–48 characters without brackets or
 * colons, and a pid of up to 128. Sets the name's (and pid's) place and says whether it was a tag.
 */
function readTag(text: string, start: number, end: number, into: HostAndTag): boolean {
  if (text.charCodeAt(end - 1) !== 58 /* : */) return false;
  let open = -1;
  for (let i = start; i < end - 1; i++) {
    const code = text.charCodeAt(i);
    if (code === 91 /* [ */) {
      open = i;
      break;
    }
    if (code === 93 /* ] */ || code === 58 /* : */) return false;
  }
  const nameEnd = open === -1 ? end - 1 : open;
  if (nameEnd === start || nameEnd - start > 48) return false;
  if (open !== -1) {
    // `name[pid]:`, the pid without brackets.
    const pidEnd = end - 2;
    if (text.charCodeAt(pidEnd) !== 93 || pidEnd <= open + 1 || pidEnd - open - 1 > 128) return false;
    for (let i = open + 1; i < pidEnd; i++) {
      const code = text.charCodeAt(i);
      if (code === 91 || code === 93) return false;
    }
    into.pidStart = open + 1;
    into.pidEnd = pidEnd;
  }
  into.appStart = start;
  into.appEnd = nameEnd;
  return true;
}
