/** A source host read from the middle of a line. */
export interface FoundSource {
  host: string;
  port?: number;
  /** Where ` from ` starts: what comes before it (the user name) ends here. */
  start: number;
}

// sshd's "Failed %s for %s from %s port %d ssh2%s", the last %s being ": " + details: after the
// real source comes only a port, a listen address, the protocol, then the end or ": ".
const sourceTail = / from (\S+)(?: port (\d{1,5}))?(?: on \S+(?: port \d{1,5})?)?(?: ssh\d?)?(?=: |$)/y;

/**
 * The source of a "… for USER from HOST port N ssh2[: DETAILS]" message. USER and DETAILS are
 * both sent by the client and may contain " from 6.6.6.6" (the injection behind fail2ban's
 * user-name CVEs): the first ` from ` whose tail has the exact shape sshd writes wins, because
 * one injected inside USER is followed by more text (the real " from …"), not by the end or
 * ": ". A USER that itself ends in a complete fake tail and ": " stays ambiguous from the text
 * alone, as it is for fail2ban. Linear: one sticky match per ` from `.
 */
export function findSource(text: string, from: number): FoundSource | undefined {
  for (let at = text.indexOf(' from ', from); at !== -1; at = text.indexOf(' from ', at + 1)) {
    sourceTail.lastIndex = at;
    const match = sourceTail.exec(text);
    if (match?.[1] !== undefined) {
      const found: FoundSource = { host: match[1], start: at };
      if (match[2] !== undefined) found.port = Number(match[2]);
      return found;
    }
  }
  return undefined;
}
