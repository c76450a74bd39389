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
  if (!readWord(text, at, 255)) {
    into.messageStart = at;
    return;
  }
  const firstEnd = word.end;
  if (readTag(text, at, into)) {
    into.messageStart = firstEnd + 1;
    return;
  }
  into.hostStart = at;
  into.hostEnd = firstEnd;
  const tagged = readWord(text, firstEnd + 1, 200) && readTag(text, firstEnd + 1, into);
  into.messageStart = (tagged ? word.end : firstEnd) + 1;
}

/**
 * The last word readWord read: where it ends, and where its brackets and colons are, so readTag
 * need not read it again.
 */
const word = {
  end: 0,
  /** The first `[`; -1 when none. */
  open: -1,
  /** The first `]` or `:` before any `[`; -1 when none. */
  firstStop: -1,
  /** How many `[` and `]` follow the first `[`. */
  inner: 0,
};

/**
 * Whether a run of 1 to `maxLength` printable ASCII characters at `at` is followed by a space or
 * the end of the text; if so its facts are in `word`. Never looks further than `maxLength + 1`
 * characters, so a long hostile line costs no more than a short one.
 */
function readWord(text: string, at: number, maxLength: number): boolean {
  const limit = Math.min(text.length, at + maxLength + 1);
  let open = -1;
  let firstStop = -1;
  let inner = 0;
  let i = at;
  for (; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 33 || code > 126) break;
    if (code === 91 /* [ */) {
      if (open === -1) open = i;
      else inner++;
    } else if (code === 93 /* ] */ || code === 58 /* : */) {
      if (open === -1) {
        if (firstStop === -1) firstStop = i;
      } else if (code === 93) inner++;
    }
  }
  if (i === at || i - at > maxLength || (i < text.length && text.charCodeAt(i) !== 32)) return false;
  word.end = i;
  word.open = open;
  word.firstStop = firstStop;
  word.inner = inner;
  return true;
}

/**
 * Whether the word readWord just read from `start` is `sshd[123]:` or `kernel:`: a name of 1–48
 * characters without brackets or colons, and a pid of up to 128. If so, sets the name's (and
 * pid's) place.
 */
function readTag(text: string, start: number, into: HostAndTag): boolean {
  const { end, open, firstStop, inner } = word;
  if (text.charCodeAt(end - 1) !== 58 /* : */) return false;
  // The colon that ends the tag is the first stop when there is no pid, and there is none before a pid.
  if (firstStop !== (open === -1 ? end - 1 : -1)) return false;
  const nameEnd = open === -1 ? end - 1 : open;
  if (nameEnd === start || nameEnd - start > 48) return false;
  if (open !== -1) {
    // `name[pid]:`, the pid without brackets: the `]` before the colon is the only one after the `[`.
    const pidEnd = end - 2;
    if (text.charCodeAt(pidEnd) !== 93 || inner !== 1 || pidEnd <= open + 1 || pidEnd - open - 1 > 128)
      return false;
    into.pidStart = open + 1;
    into.pidEnd = pidEnd;
  }
  into.appStart = start;
  into.appEnd = nameEnd;
  return true;
}
