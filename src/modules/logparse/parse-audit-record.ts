/** One auditd record: `type=SYSCALL msg=audit(1364481363.243:24287): key=value …`. */
export interface AuditRecord {
  type: string;
  /** Epoch ms. */
  time: number;
  serial: string;
  fields: Map<string, string>;
  /** Fields whose value was hex-encoded by auditd (EXECVE args, paths with spaces, proctitle). */
  decoded: Set<string>;
}

const header = /(?:^|\s)type=(\w{1,32}) msg=audit\((\d{1,12})(?:\.(\d{1,6}))?:(\d{1,20})\):\s?/;
// Fields whose unquoted value auditd writes in hex when it holds a space, quote or control byte.
const hexFields =
  /^(?:a\d{1,4}|cwd|name|proctitle|path|cmd|exe|comm|data|acct|old_?\w*|new_?\w*|ocomm|watch)$/;

/** The record in a line (bare, or after a syslog/kernel prefix); undefined if the line holds none. */
export function parseAuditRecord(text: string): AuditRecord | undefined {
  const head = header.exec(text);
  if (!head) return undefined;
  const fields = new Map<string, string>();
  const decoded = new Set<string>();
  readFields(text, head.index + head[0].length, fields, decoded);
  const millis = Number((head[3] ?? '0').padEnd(3, '0').slice(0, 3));
  return {
    type: head[1] ?? '',
    time: Number(head[2]) * 1000 + millis,
    serial: head[4] ?? '',
    fields,
    decoded,
  };
}

/**
 * key=value, key="value", and msg='…' whose inside is itself key=value (USER_* records). A
 * hand-written scan: values come from the user (file names, arguments) and can hold anything.
 */
function readFields(text: string, start: number, fields: Map<string, string>, decoded: Set<string>): void {
  let i = start;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\u001d')) i++;
    const eq = text.indexOf('=', i);
    if (eq === -1) return;
    const space = text.indexOf(' ', i);
    if (space !== -1 && space < eq) {
      i = space + 1; // a word without "=": skip it
      continue;
    }
    const key = text.slice(i, eq);
    const quote = text[eq + 1];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, eq + 2);
      const end = close === -1 ? n : close;
      value = text.slice(eq + 2, end);
      i = end + 1;
      if (key === 'msg' && quote === "'") {
        readFields(value, 0, fields, decoded);
        continue;
      }
    } else {
      let end = eq + 1;
      while (end < n && text[end] !== ' ' && text[end] !== '\u001d') end++;
      value = text.slice(eq + 1, end);
      i = end;
      if (hexFields.test(key) && /^(?:[0-9A-F]{2})+$/.test(value)) {
        value = decodeHex(value);
        decoded.add(key);
      }
    }
    if (!fields.has(key)) fields.set(key, value);
  }
}

function decodeHex(hex: string): string {
  // proctitle separates arguments with NUL; show them as a command line.
  return Buffer.from(hex, 'hex').toString('utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
}
