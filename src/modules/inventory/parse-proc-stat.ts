import { clip } from './clip.ts';

export interface ProcStat {
  pid: number;
  name: string;
  state: string;
  ppid: number;
}

/**
 * Parses the head of `/proc/<pid>/stat`: `pid (comm) state ppid ...`. The
 * process picks its own comm and may put spaces or `)` in it, so the name
 * ends at the last `)`, as procps reads it.
 */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open <= 0 || close < open) return null;
  const pid = text.slice(0, open).trim();
  const [state, ppid] = text
    .slice(close + 1)
    .trim()
    .split(' ');
  if (!isId(pid) || state === undefined || ppid === undefined || !isId(ppid)) return null;
  return {
    pid: Number(pid),
    name: clip(text.slice(open + 1, close), 64),
    state: clip(state, 4),
    ppid: Number(ppid),
  };
}

function isId(text: string): boolean {
  return text.length > 0 && text.length <= 10 && /^\d+$/.test(text);
}
